// How the fast tokenizer records a failure: the "line L, column C: reason" message that feed()
// and finish() return from then on, in the words expat would use.
#pragma once

#include <string>
#include <string_view>

#include "xml/fast_tokenizer.hpp"

namespace qvm::xml {
namespace {

inline std::nullptr_t FastParser::abort() {
  failed_ = true;
  failure_ = std::string(kAborted);
  return nullptr;
}

inline std::nullptr_t FastParser::fail(const char* at, std::string_view reason) {
  const SourcePosition where =
      at ? position_.after(std::string_view(data_, static_cast<std::size_t>(end_ - data_)),
                           static_cast<std::size_t>(at - data_))
         : position_;
  failed_ = true;
  failure_ = "line " + std::to_string(where.line()) + ", column " + std::to_string(where.column()) +
             ": " + std::string(reason);
  return nullptr;
}

inline std::string FastParser::too_long() {
  return "token longer than " + std::to_string(kMaxToken) +
         " bytes (the limit of the fast XML parser)";
}

inline Status FastParser::failure() const {
  return make_error(ErrorKind::kMalformed, failure_);
}

}  // namespace
}  // namespace qvm::xml
