// The binary row form the vulns report spills to disk and the KB cache keeps: every kind of
// cell comes back as it went, and a cut row is refused rather than half read.
#include "report/row_codec.hpp"

#include <gtest/gtest.h>

namespace qvm::report {
namespace {

std::vector<FieldValue> every_kind_of_cell() {
  return {FieldValue(),
          std::int64_t{-42},
          std::uint64_t{18446744073709551615ULL},
          2.5,
          true,
          std::string("tcp/443 \"open\"\n\x01"),
          std::vector<std::string>{"CVE-2021-44228", ""},
          Timestamp(std::chrono::seconds(1717372800))};  // 2024-06-03T00:00:00Z
}

TEST(RowCodec, EveryKindOfCellRoundTrips) {
  std::string bytes;
  encode_row(every_kind_of_cell(), bytes);
  encode_row(std::vector<FieldValue>{}, bytes);
  std::string_view in = bytes;
  auto first = decode_row(in);
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, every_kind_of_cell());
  auto second = decode_row(in);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->empty());
  EXPECT_TRUE(in.empty());
}

TEST(RowCodec, ACutRowIsRefused) {
  std::string bytes;
  encode_row(every_kind_of_cell(), bytes);
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    std::string_view in(bytes.data(), cut);
    EXPECT_FALSE(decode_row(in)) << "cut at " << cut;
  }
}

}  // namespace
}  // namespace qvm::report
