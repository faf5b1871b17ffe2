// Finding the bytes a writer must escape, 16 at a time: RESULTS run to kilobytes and rarely hold
// any, so the scan is most of the writer's work per byte. A byte class is a struct with a SIMD
// test (a lane of 0xFF where the byte belongs) and the same test for one byte.
#pragma once

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qvm::report {

template <class ByteClass>
std::size_t find_first_in_class(std::string_view text, std::size_t from, ByteClass is) {
#if defined(__SSE2__)
  for (; from + 16 <= text.size(); from += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
    if (int mask = _mm_movemask_epi8(is(v))) {
      return from + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
  }
#endif
  for (; from < text.size(); ++from) {
    if (is(static_cast<unsigned char>(text[from]))) return from;
  }
  return text.size();
}

// What JSON strings must escape: `"`, `\` and the control characters below 0x20.
struct JsonEscaped {
#if defined(__SSE2__)
  __m128i operator()(__m128i v) const {
    const __m128i control = _mm_set1_epi8(0x1F);
    return _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
        _mm_cmpeq_epi8(_mm_max_epu8(v, control), control));  // unsigned v <= 0x1F
  }
#endif
  bool operator()(unsigned char c) const {
    return c < 0x20 || c == '"' || c == '\\';
  }
};

// What makes a CSV field need quotes (RFC 4180): comma, quote, CR, LF.
struct CsvSpecial {
#if defined(__SSE2__)
  __m128i operator()(__m128i v) const {
    return _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
  }
#endif
  bool operator()(unsigned char c) const {
    return c == ',' || c == '"' || c == '\r' || c == '\n';
  }
};

}  // namespace qvm::report
