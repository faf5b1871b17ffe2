// A minimal XML writer for the simulator's responses: indented elements, escaped text, and CDATA
// written the way Qualys writes it (content passed through as is, HTML escapes included).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qvm/timestamp.hpp"

namespace qvm::sim {

// <![CDATA[text]]>; a "]]>" inside the text is split across two sections.
void append_cdata(std::string& out, std::string_view text);

// Appends to a caller-owned buffer, so a streamed response can flush it between records.
class XmlWriter {
 public:
  explicit XmlWriter(std::string& out, int base_indent = 0) : out_(out), depth_(base_indent) {}

  void open(std::string_view name);
  // An opening tag with attributes already formatted (`name="v" …`, values escaped by caller).
  void open(std::string_view name, std::string_view attributes);
  void close(std::string_view name);
  void empty(std::string_view name);  // <name/>
  // The value escaped: &, <, >, " and ' become entities.
  void text(std::string_view name, std::string_view value);
  void text(std::string_view name, std::int64_t value);
  void text(std::string_view name, Timestamp value);
  void boolean(std::string_view name, bool value) { text(name, value ? "1" : "0"); }
  void cdata(std::string_view name, std::string_view value);
  // CDATA element with attributes already formatted (`id="2"`).
  void cdata(std::string_view name, std::string_view attributes, std::string_view value);
  void comment(std::string_view body);  // <!-- body --> on its own line, not indented

  void optional_text(std::string_view name, const std::optional<std::string>& v) {
    if (v) text(name, *v);
  }
  void optional_cdata(std::string_view name, const std::optional<std::string>& v) {
    if (v) cdata(name, *v);
  }
  void optional_time(std::string_view name, const std::optional<Timestamp>& v) {
    if (v) text(name, *v);
  }
  template <class I>
  void optional_int(std::string_view name, const std::optional<I>& v) {
    if (v) text(name, static_cast<std::int64_t>(*v));
  }
  void optional_bool(std::string_view name, const std::optional<bool>& v) {
    if (v) boolean(name, *v);
  }
  std::string& buffer() { return out_; }

 private:
  void indent();
  std::string& out_;
  int depth_;
};

}  // namespace qvm::sim
