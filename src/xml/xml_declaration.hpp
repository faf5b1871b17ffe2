// Checks the pseudo-attributes of an XML declaration (`<?xml version=… encoding=… standalone=…?>`)
// with expat's rules, so that both backends accept and refuse the same declarations.
#pragma once

#include <string_view>

#include "xml/char_classes.hpp"

namespace qvm::xml {

// `body` is what stands between "<?xml" and "?>". Returns false for a malformed declaration;
// sets `standalone` when it says standalone="yes". The encoding is not used: bodies are UTF-8.
inline bool read_xml_declaration(std::string_view body, bool& standalone) {
  static constexpr std::string_view kNames[] = {"version", "encoding", "standalone"};
  std::size_t at = 0;
  int next_name = 0;  // pseudo-attributes come in this order; version is required
  auto ascii_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (;;) {
    if (at == body.size()) break;
    if (!is_xml_space(static_cast<unsigned char>(body[at]))) return false;
    while (at < body.size() && is_xml_space(static_cast<unsigned char>(body[at])))
      ++at;
    if (at == body.size()) break;
    const std::size_t name_begin = at;
    while (at < body.size() && body[at] != '=' &&
           !is_xml_space(static_cast<unsigned char>(body[at]))) {
      if (static_cast<unsigned char>(body[at]) >= 0x80) return false;
      ++at;
    }
    const std::string_view name = body.substr(name_begin, at - name_begin);
    while (at < body.size() && is_xml_space(static_cast<unsigned char>(body[at])))
      ++at;
    if (at == body.size() || body[at] != '=') return false;
    ++at;
    while (at < body.size() && is_xml_space(static_cast<unsigned char>(body[at])))
      ++at;
    if (at == body.size() || (body[at] != '"' && body[at] != '\'')) return false;
    const char quote = body[at++];
    const std::size_t value_begin = at;
    while (at < body.size() && body[at] != quote) {
      const char c = body[at];
      if (!ascii_letter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '_')
        return false;
      ++at;
    }
    if (at == body.size()) return false;
    const std::string_view value = body.substr(value_begin, at - value_begin);
    ++at;
    int which = next_name;
    while (which < 3 && name != kNames[which]) {
      if (which == 0) return false;  // version first
      ++which;
    }
    if (which == 3) return false;
    if (which == 1 && (value.empty() || !ascii_letter(value.front()))) return false;
    if (which == 2) {
      if (value != "yes" && value != "no") return false;
      standalone = value == "yes";
    }
    next_name = which + 1;
  }
  return next_name > 0;
}

}  // namespace qvm::xml
