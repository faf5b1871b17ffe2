// Byte classes of the fast tokenizer: which bytes end a run of plain text, which make names, and
// UTF-8 sequence checks that accept exactly what expat accepts (XML 1.0 characters only).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qvm::xml {

// 1 for bytes that a text scan may pass without a second look: printable ASCII other than
// '<', '&' and ']', plus tab and newline.
inline constexpr std::array<std::uint8_t, 256> kPlainText = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0x20; c < 0x80; ++c)
    t[c] = 1;
  t['\t'] = t['\n'] = 1;
  t['<'] = t['&'] = t[']'] = 0;
  return t;
}();

// 1 for bytes an attribute value may hold as they are: as kPlainText, but ']' is fine and the
// quotes and whitespace other than space need a look (closing quote, normalisation to space).
inline constexpr std::array<std::uint8_t, 256> kPlainValue = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0x20; c < 0x80; ++c)
    t[c] = 1;
  t['<'] = t['&'] = t['"'] = t['\''] = 0;
  return t;
}();

// ASCII name characters: 1 = may start a name, 2 = may continue one. Non-ASCII bytes are 0: the
// fast tokenizer supports ASCII names only (every Qualys element and attribute name is ASCII).
inline constexpr std::array<std::uint8_t, 256> kNameChar = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c)
    t[c] = 1;
  for (int c = 'A'; c <= 'Z'; ++c)
    t[c] = 1;
  t['_'] = t[':'] = 1;
  for (int c = '0'; c <= '9'; ++c)
    t[c] = 2;
  t['.'] = t['-'] = 2;
  return t;
}();

// Bytes that a comment, PI or CDATA body may hold as they are: printable ASCII other than
// `stop`, tab, newline and (outside CDATA, where it must become a newline) carriage return.
constexpr std::array<std::uint8_t, 256> plain_body(char stop, bool with_cr) {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0x20; c < 0x80; ++c)
    t[c] = 1;
  t['\t'] = t['\n'] = 1;
  t['\r'] = with_cr ? 1 : 0;
  t[static_cast<unsigned char>(stop)] = 0;
  return t;
}
inline constexpr auto kPlainComment = plain_body('-', true);
inline constexpr auto kPlainPi = plain_body('?', true);
inline constexpr auto kPlainCdata = plain_body(']', false);

inline bool is_xml_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The first byte at or after `p` that a text scan must look at (see kPlainText), or `end`.
inline const char* skip_plain_text(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), rsqb = _mm_set1_epi8(']');
  const __m128i nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t'), space = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compare: control characters and every non-ASCII byte are below 0x20.
    __m128i odd = _mm_cmplt_epi8(v, space);
    odd = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, tab)), odd);
    odd = _mm_or_si128(odd,
                       _mm_or_si128(_mm_cmpeq_epi8(v, lt),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, rsqb))));
    const int mask = _mm_movemask_epi8(odd);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && kPlainText[static_cast<unsigned char>(*p)])
    ++p;
  return p;
}

// The length of the UTF-8 sequence at p (lead byte >= 0x80) if it is a valid XML character,
// 0 if the bytes present are a valid start but the sequence runs past `end`, -1 if invalid
// (overlong forms, surrogates, U+FFFE, U+FFFF, beyond U+10FFFF, stray continuation bytes).
inline int utf8_sequence(const char* p, const char* end) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  const std::ptrdiff_t have = end - p;
  const unsigned char c = s[0];
  auto cont = [&](std::ptrdiff_t i) { return (s[i] & 0xC0) == 0x80; };
  if (c < 0xC2) return -1;
  if (c < 0xE0) {
    if (have < 2) return 0;
    return cont(1) ? 2 : -1;
  }
  if (c < 0xF0) {
    if (have < 2) return 0;
    const unsigned char c1 = s[1];
    if (c == 0xE0 ? (c1 < 0xA0 || c1 > 0xBF) : c == 0xED ? (c1 < 0x80 || c1 > 0x9F) : !cont(1))
      return -1;
    if (have < 3) return 0;
    if (!cont(2)) return -1;
    if (c == 0xEF && c1 == 0xBF && s[2] > 0xBD) return -1;  // U+FFFE, U+FFFF
    return 3;
  }
  if (c > 0xF4) return -1;
  if (have < 2) return 0;
  const unsigned char c1 = s[1];
  if (c == 0xF0 ? (c1 < 0x90 || c1 > 0xBF) : c == 0xF4 ? (c1 < 0x80 || c1 > 0x8F) : !cont(1))
    return -1;
  if (have < 3) return 0;
  if (!cont(2)) return -1;
  if (have < 4) return 0;
  return cont(3) ? 4 : -1;
}

// Whether a character reference may name `cp` (XML 1.0 Char).
inline bool is_xml_char(std::uint32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  if (cp < 0xD800) return true;
  if (cp < 0xE000) return false;
  if (cp < 0xFFFE) return true;
  return cp >= 0x10000 && cp <= 0x10FFFF;
}

// Writes `cp` as UTF-8 into out (at least 4 bytes); returns the length.
inline std::size_t encode_utf8(std::uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

}  // namespace qvm::xml
