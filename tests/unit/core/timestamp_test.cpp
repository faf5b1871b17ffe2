// Timestamps as Qualys sends and accepts them.
#include "qvm/timestamp.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

namespace qvm {
namespace {

using namespace std::chrono;

TEST(Timestamp, ParsesQualysDatetime) {
  auto t = parse_timestamp("2018-04-13T03:48:50Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, sys_days{2018y / April / 13} + 3h + 48min + 50s);
  EXPECT_EQ(format_timestamp(*t), "2018-04-13T03:48:50Z");
}

TEST(Timestamp, ParsesBareDateAsMidnightUtc) {
  auto t = parse_timestamp("2007-07-01");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_timestamp(*t), "2007-07-01T00:00:00Z");
}

TEST(Timestamp, ConvertsOffsetsToUtcAndDropsFractions) {
  EXPECT_EQ(format_timestamp(*parse_timestamp("2020-01-01T01:30:00+02:00")),
            "2019-12-31T23:30:00Z");
  EXPECT_EQ(format_timestamp(*parse_timestamp("2020-09-25T00:50:27.123Z")), "2020-09-25T00:50:27Z");
}

TEST(Timestamp, CharsAreTheFormattedText) {
  for (auto text : {"1999-12-31T23:59:59Z", "2024-02-29T00:00:00Z", "0001-01-01T00:00:00Z"}) {
    auto chars = timestamp_chars(*parse_timestamp(text));
    EXPECT_EQ(std::string(chars.data(), chars.size()), text);
  }
}

TEST(Timestamp, TheCommonFormParsesToItsCalendarValue) {
  std::mt19937 random(3);
  for (int i = 0; i < 5000; ++i) {
    int y = 1970 + static_cast<int>(random() % 130);
    unsigned mo = 1 + random() % 12, d = 1 + random() % 28;
    int h = static_cast<int>(random() % 24), mi = static_cast<int>(random() % 60),
        se = static_cast<int>(random() % 60);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, mo, d, h, mi, se);
    auto expected = sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{se};
    ASSERT_EQ(parse_timestamp(text), expected) << text;
  }
  EXPECT_EQ(format_timestamp(*parse_timestamp("2024-01-01 10:00:00Z")), "2024-01-01T10:00:00Z")
      << "a space for the T still parses";
  for (auto bad : {"2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z",
                   "2024-01-01T00:60:00Z", "2024-01-01T00:00:00X", "2024-01-0aT00:00:00Z",
                   "2024/01/01T00:00:00Z"}) {
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
  }
}

TEST(Timestamp, RejectsMalformedText) {
  for (const char* bad :
       {"", "2020", "2020-13-01", "2020-02-30", "2020-01-01T25:00:00Z", "2020-01-01T10:00Z",
        "2020-01-01T10:00:00Zjunk", "yesterday", "2020-01-01T10:00:00."}) {
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
  }
}

}  // namespace
}  // namespace qvm

namespace qvm {
namespace {

TEST(Timestamp, FormatsEveryFieldWithLeadingZeros) {
  using namespace std::chrono;
  EXPECT_EQ(format_timestamp(sys_days{1999y / January / 2} + 3h + 4min + 5s),
            "1999-01-02T03:04:05Z");
  EXPECT_EQ(format_timestamp(sys_days{2026y / December / 31} + 23h + 59min + 59s),
            "2026-12-31T23:59:59Z");
  EXPECT_EQ(format_timestamp(Timestamp{}), "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace qvm
