// Line and column of the parse, kept up to date as bytes are consumed so that the tokenizer can
// drop them: lines end at LF, CR LF or a lone CR; columns count characters, as expat does.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qvm::xml {

class SourcePosition {
 public:
  // Moves past `consumed`, the bytes that follow the current position.
  void advance(std::string_view consumed) {
    if (consumed.empty()) return;
    if (std::memchr(consumed.data(), '\r', consumed.size()) != nullptr) {
      for (char c : consumed)
        step(static_cast<unsigned char>(c));
      return;
    }
    if (after_cr_ && consumed.front() == '\n') consumed.remove_prefix(1);  // CR LF: one line end
    after_cr_ = false;
    const std::uint64_t lines = newlines(consumed);
    if (lines == 0) {
      column_ += characters(consumed);
      return;
    }
    line_ += lines;
    column_ = characters(consumed.substr(consumed.rfind('\n') + 1));
  }

  // The position `offset` bytes into `ahead`, the bytes that follow the current position.
  SourcePosition after(std::string_view ahead, std::size_t offset) const {
    SourcePosition p = *this;
    p.advance(ahead.substr(0, offset));
    return p;
  }

  std::uint64_t line() const { return line_; }
  std::uint64_t column() const { return column_ + 1; }  // 1-based, as the messages show it

 private:
  // The hot part of keeping positions: -O2 does not vectorise these counts, so count 16 bytes
  // at a time. Matches are summed in byte lanes (at most 255 rounds) and the lanes added with
  // SAD: no popcount, which x86-64's baseline lacks (it would be a libgcc call per block).
  template <class Matches>
  static std::uint64_t count_bytes(std::string_view s, Matches matches) {
    std::uint64_t n = 0;
    const char* p = s.data();
    const char* end = p + s.size();
#if defined(__SSE2__)
    while (end - p >= 16) {
      __m128i lanes = _mm_setzero_si128();
      for (int round = 0; round < 255 && end - p >= 16; ++round, p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        lanes = _mm_sub_epi8(lanes, matches(v));  // a match is -1
      }
      const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
      n += static_cast<std::uint64_t>(_mm_cvtsi128_si32(sums)) +
           static_cast<std::uint64_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    }
#endif
    for (; p < end; ++p)
      n += matches(static_cast<unsigned char>(*p));
    return n;
  }
  static std::uint64_t newlines(std::string_view s) {
    return count_bytes(s, Newline{});
  }
  // Characters are the bytes that are not UTF-8 continuation bytes (10xxxxxx).
  static std::uint64_t characters(std::string_view s) {
    return s.size() - count_bytes(s, Continuation{});
  }
  struct Newline {
#if defined(__SSE2__)
    __m128i operator()(__m128i v) const {
      return _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
    }
#endif
    unsigned operator()(unsigned char c) const {
      return c == '\n';
    }
  };
  struct Continuation {
#if defined(__SSE2__)
    // As signed bytes, 0x80..0xBF are -128..-65: below -64.
    __m128i operator()(__m128i v) const {
      return _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
    }
#endif
    unsigned operator()(unsigned char c) const {
      return (c & 0xC0) == 0x80;
    }
  };
  void step(unsigned char c) {
    if (c == '\r' || (c == '\n' && !after_cr_)) {
      ++line_;
      column_ = 0;
    } else if (c != '\n' && (c & 0xC0) != 0x80) {
      ++column_;
    }
    after_cr_ = c == '\r';
  }

  std::uint64_t line_ = 1;
  std::uint64_t column_ = 0;
  bool after_cr_ = false;
};

}  // namespace qvm::xml
