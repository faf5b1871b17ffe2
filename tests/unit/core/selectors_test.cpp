// User-typed selectors: what is accepted, how it is sent, and what is refused.
#include "qvm/selectors.hpp"

#include <gtest/gtest.h>

namespace qvm {
namespace {

TEST(Ipv4Ranges, ParsesSinglesRangesAndCidr) {
  auto ranges = parse_ipv4_ranges("10.0.0.5, 10.0.0.1-10.0.0.80,192.168.1.0/24,10.1.2.3/32");
  ASSERT_TRUE(ranges) << ranges.error().message;
  EXPECT_EQ(join_ipv4_ranges(*ranges),
            "10.0.0.5,10.0.0.1-10.0.0.80,192.168.1.0-192.168.1.255,10.1.2.3");
}

TEST(Ipv4Ranges, CidrMasksTheHostBits) {
  auto r = parse_ipv4_range("10.9.8.77/20");
  ASSERT_TRUE(r);
  EXPECT_EQ(format_ipv4_range(*r), "10.9.0.0-10.9.15.255");
  EXPECT_EQ(format_ipv4_range(*parse_ipv4_range("0.0.0.0/0")), "0.0.0.0-255.255.255.255");
}

TEST(Ipv4Ranges, RefusesBadInputNamingTheValue) {
  for (const char* bad : {"10.0.0", "10.0.0.256", "10.0.0.1.2", "a.b.c.d", "10.0.0.5-10.0.0.1",
                          "10.0.0.0/33", "10.0.0.0/x", "", " , ", "10.0.0.1-"}) {
    auto r = parse_ipv4_ranges(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
  }
  EXPECT_EQ(parse_ipv4_ranges("10.0.0.1,10.0.0.999").error().message,
            "invalid IP address '10.0.0.999': expected four numbers 0-255 separated by dots");
}

TEST(Ipv6List, AcceptsAddressesAndRefusesRanges) {
  auto list = parse_ipv6_list("2001:db8::1, fe80::1");
  ASSERT_TRUE(list);
  EXPECT_EQ(*list, (std::vector<std::string>{"2001:db8::1", "fe80::1"}));
  EXPECT_FALSE(parse_ipv6_list("2001:db8::1-2001:db8::9"));
  EXPECT_FALSE(parse_ipv6_list("10.0.0.1"));
}

TEST(IdRanges, ParsesAndFormats) {
  auto ids = parse_id_ranges("1, 5-9,100", "host ID");
  ASSERT_TRUE(ids);
  EXPECT_EQ(format_id_ranges(*ids), "1,5-9,100");
  auto bad = parse_id_ranges("12,abc123", "host ID");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "invalid host ID 'abc123': expected a positive integer or a range a-b");
  EXPECT_FALSE(parse_id_ranges("9-5", "QID"));
}

TEST(DateOption, AcceptsQualysFormsOnly) {
  EXPECT_EQ(format_timestamp(*parse_date_option("2024-01-31", "--since")), "2024-01-31T00:00:00Z");
  auto bad = parse_date_option("31/01/2024", "--since");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "invalid --since '31/01/2024': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
}

}  // namespace
}  // namespace qvm
