// The streaming XML interface every response parser is written against: feed bytes in chunks
// of any size, receive element events. Backends: expat (expat_parser.cpp) and an in-house
// tokenizer (fast_parser.cpp) that reports the same events several times faster.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "qvm/error.hpp"

namespace qvm::xml {

struct Attribute {
  std::string_view name;
  std::string_view value;
};

// Receives events in document order. Views are valid only during the call.
// Text of one element may arrive in several calls (chunk boundaries, CDATA sections, entities).
// Comments, processing instructions and the DOCTYPE are never reported.
// A handler returns false to stop parsing; feed()/finish() then fail with kAborted and the
// handler is expected to hold the reason.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual bool on_start(std::string_view name, std::span<const Attribute> attributes) = 0;
  virtual bool on_text(std::string_view text) = 0;
  virtual bool on_end(std::string_view name) = 0;
};

// The message of the error returned when a handler stopped the parse.
inline constexpr std::string_view kAborted = "parse stopped by the document handler";

class PushParser {
 public:
  virtual ~PushParser() = default;
  // Errors are kMalformed with "line L, column C: <reason>".
  virtual Status feed(std::string_view bytes) = 0;
  // Declares the end of the document; a document cut before its root closed is an error.
  virtual Status finish() = 0;
};

enum class Backend { kExpat, kFast };

// `handler` must outlive the parser.
std::unique_ptr<PushParser> make_push_parser(Backend backend, Handler& handler);

}  // namespace qvm::xml
