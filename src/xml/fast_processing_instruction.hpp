// The fast tokenizer's processing instructions: their targets, and the XML declaration, which
// must stand at the very start of the document (after a BOM) and may set `standalone`.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

#include "xml/fast_tokenizer.hpp"
#include "xml/xml_declaration.hpp"

namespace qvm::xml {
namespace {

inline const char* FastParser::processing_instruction(const char* p) {
  const char* target = p + 2;
  const char* q = name_end(target);
  if (q == end_) return p;
  if (q == target || byte(q) >= 0x80) return bad_name(q);
  if (q - target == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' &&
      (target[2] | 0x20) == 'l') {
    if (std::memcmp(target, "xml", 3) != 0) return fail(target, kInvalidToken);
    return xml_declaration(p, q);
  }
  if (*q == '?') {
    if (q + 1 == end_) return p;
    return q[1] == '>' ? q + 2 : fail(q, kInvalidToken);
  }
  if (!is_xml_space(byte(q))) return fail(q, kInvalidToken);
  inside_ = Inside::kPi;
  return q + 1;
}

inline const char* FastParser::xml_declaration(const char* p, const char* body) {
  if (offset_ + static_cast<std::size_t>(p - data_) != declaration_offset_)
    return fail(p, "XML or text declaration not at start of entity");
  const char* q = body;
  for (;;) {
    while (q < end_ && kPlainPi[byte(q)])
      ++q;
    if (q == end_) return p;
    if (*q == '?') {
      if (q + 1 == end_) return p;
      if (q[1] == '>') break;
      ++q;
      continue;
    }
    if (byte(q) < 0x80) return fail(q, kInvalidToken);
    const int n = utf8_sequence(q, end_);
    if (n == 0) return p;
    if (n < 0) return fail(q, kInvalidToken);
    q += n;
  }
  if (!read_xml_declaration(std::string_view(body, static_cast<std::size_t>(q - body)),
                            standalone_))
    return fail(p, "XML declaration not well-formed");
  return q + 2;
}

}  // namespace
}  // namespace qvm::xml
