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
  // The hot part of keeping positions: -O2 does not vectorise std::count, so count 16 at a time.
  static std::uint64_t newlines(std::string_view s) {
    std::uint64_t n = 0;
    const char* p = s.data();
    const char* end = p + s.size();
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n');
    for (; end - p >= 16; p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      n += static_cast<std::uint64_t>(
          __builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)))));
    }
#endif
    return n + static_cast<std::uint64_t>(std::count(p, end, '\n'));
  }
  static std::uint64_t characters(std::string_view s) {
    std::uint64_t n = 0;
    for (char c : s)
      n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  }
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
