// Reads one reference (`&name;`, `&#N;`, `&#xH;`) for the fast tokenizer: the five predefined
// entities and numeric references decode to UTF-8; any other name is reported as undefined.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "xml/char_classes.hpp"

namespace qvm::xml {

struct Reference {
  enum Kind { kIncomplete, kMalformed, kBadCharacter, kUndefined, kDecoded };
  Kind kind = kIncomplete;
  const char* next = nullptr;  // past the ';' (kBadCharacter, kUndefined, kDecoded)
  char bytes[4] = {};
  std::size_t size = 0;  // kDecoded: bytes[0, size) is the replacement
  std::string_view view() const { return {bytes, size}; }
};

// `p` points at '&'.
inline Reference read_reference(const char* p, const char* end) {
  Reference r;
  const char* q = p + 1;
  if (q == end) return r;
  if (*q == '#') {
    ++q;
    if (q == end) return r;
    const bool hex = *q == 'x';
    if (hex) ++q;
    std::uint32_t cp = 0;
    bool any = false;
    for (;; ++q) {
      if (q == end) return r;
      const char c = *q;
      std::uint32_t digit;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        break;
      }
      any = true;
      if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + digit;
    }
    if (!any || *q != ';') {
      r.kind = Reference::kMalformed;
      r.next = q;
      return r;
    }
    r.next = q + 1;
    if (!is_xml_char(cp)) {
      r.kind = Reference::kBadCharacter;
      return r;
    }
    r.kind = Reference::kDecoded;
    r.size = encode_utf8(cp, r.bytes);
    return r;
  }
  if (kNameChar[static_cast<unsigned char>(*q)] != 1) {
    r.kind = Reference::kMalformed;
    r.next = q;
    return r;
  }
  const char* name = q;
  while (q < end && kNameChar[static_cast<unsigned char>(*q)] != 0)
    ++q;
  if (q == end) return r;
  if (*q != ';') {
    r.kind = Reference::kMalformed;
    r.next = q;
    return r;
  }
  r.next = q + 1;
  const std::string_view n(name, static_cast<std::size_t>(q - name));
  char c = 0;
  if (n == "lt")
    c = '<';
  else if (n == "gt")
    c = '>';
  else if (n == "amp")
    c = '&';
  else if (n == "apos")
    c = '\'';
  else if (n == "quot")
    c = '"';
  if (c == 0) {
    r.kind = Reference::kUndefined;
    return r;
  }
  r.kind = Reference::kDecoded;
  r.bytes[0] = c;
  r.size = 1;
  return r;
}

}  // namespace qvm::xml
