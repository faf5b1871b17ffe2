// Host selectors as users type them (IPs, ranges, CIDR, IDs, dates), validated before any API
// call and written in the form Qualys accepts. An invalid value is a kUsage error naming it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qvm/error.hpp"
#include "qvm/host.hpp"
#include "qvm/timestamp.hpp"

namespace qvm {

struct Ipv4Range {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool operator==(const Ipv4Range&) const = default;
};

// One item: `10.0.0.5`, `10.0.0.1-10.0.0.80`, or `10.0.0.0/24` (expanded to its range here,
// since Qualys' CIDR support is unverified).
Result<Ipv4Range> parse_ipv4_range(std::string_view text);
// A comma-separated list of items; whitespace around items is ignored.
Result<std::vector<Ipv4Range>> parse_ipv4_ranges(std::string_view text);
// `10.0.0.1` or `10.0.0.1-10.0.0.80`, as the `ips` parameter wants it.
std::string format_ipv4_range(const Ipv4Range& range);
std::string format_ipv4(std::uint32_t address);
Result<std::uint32_t> parse_ipv4(std::string_view text);

// IPv6 addresses (no ranges, as Qualys' `ipv6` parameter). Validated with inet_pton.
Result<std::vector<std::string>> parse_ipv6_list(std::string_view text);

// `123`, `100-200`, comma-separated.
Result<std::vector<IdRange>> parse_id_ranges(std::string_view text, std::string_view what);
std::string format_id_ranges(const std::vector<IdRange>& ranges);

// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`; kUsage error naming `option` otherwise.
Result<Timestamp> parse_date_option(std::string_view text, std::string_view option);

// Joins ranges as Qualys lists them: `a,b-c,…`.
std::string join_ipv4_ranges(const std::vector<Ipv4Range>& ranges);

}  // namespace qvm
