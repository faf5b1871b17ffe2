// SourcePosition's 16-bytes-at-a-time counting against a byte-by-byte reference, on long
// inputs (more than 255 blocks, so the lane sums roll over) of ASCII, multi-byte UTF-8 and every
// kind of line end, consumed in random pieces.
#include "xml/source_position.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace qvm::xml {
namespace {

struct Reference {
  std::uint64_t line = 1, column = 1;
  bool after_cr = false;
  void consume(std::string_view s) {
    for (char ch : s) {
      auto c = static_cast<unsigned char>(ch);
      if (c == '\r' || (c == '\n' && !after_cr)) {
        ++line;
        column = 1;
      } else if (c != '\n' && (c & 0xC0) != 0x80) {
        ++column;
      }
      after_cr = c == '\r';
    }
  }
};

std::string random_text(std::mt19937& random, size_t pieces, bool with_cr) {
  const char* alphabet[] = {"a",    "<x>", "\n", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                            "\r\n", "\r"};
  size_t kinds = with_cr ? 8 : 6;
  std::string s;
  for (size_t i = 0; i < pieces; ++i) {
    // Mostly long runs without line ends, as RESULTS are.
    size_t k = random() % 10 < 7 ? (random() % 2 ? 0 : 3) : random() % kinds;
    s += alphabet[k];
  }
  return s;
}

TEST(SourcePosition, CountsLinesAndCharactersLikeTheByteByByteReference) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::string text = random_text(random, 1 + random() % 9000, round % 4 == 0);
    SourcePosition position;
    Reference reference;
    size_t at = 0;
    while (at < text.size()) {
      size_t n = std::min(text.size() - at, size_t{1} + random() % 6000);
      position.advance(std::string_view(text).substr(at, n));
      reference.consume(std::string_view(text).substr(at, n));
      at += n;
      ASSERT_EQ(position.line(), reference.line) << "round " << round << " at " << at;
      ASSERT_EQ(position.column(), reference.column) << "round " << round << " at " << at;
    }
  }
}

TEST(SourcePosition, AColumnAfterMoreThan255BlocksOfMultiByteText) {
  std::string text = "\n";
  for (int i = 0; i < 5000; ++i)
    text += "\xC3\xA9";  // 10,000 bytes, 5,000 characters: the lanes roll over many times
  SourcePosition position;
  position.advance(text);
  EXPECT_EQ(position.line(), 2u);
  EXPECT_EQ(position.column(), 5001u);
}

}  // namespace
}  // namespace qvm::xml
