// XML escaping of text and attribute values (see xml_escape.hpp for who uses which form).
#include "core/xml_escape.hpp"

namespace qvm::core {

void append_xml_escaped(std::string& out, std::string_view text, Apostrophe apostrophe) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        if (apostrophe == Apostrophe::kEscape) {
          out += "&apos;";
        } else {
          out += c;
        }
        break;
      default:
        out += c;
    }
  }
}

std::string xml_escape(std::string_view text, Apostrophe apostrophe) {
  std::string out;
  append_xml_escaped(out, text, apostrophe);
  return out;
}

}  // namespace qvm::core
