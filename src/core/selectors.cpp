// Parsing of user-typed selectors; nothing here talks to the network.
#include "qvm/selectors.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace qvm {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> split_commas(std::string_view text) {
  std::vector<std::string_view> items;
  while (true) {
    size_t comma = text.find(',');
    std::string_view item = trim(text.substr(0, comma));
    if (!item.empty()) items.push_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

std::unexpected<Error> bad(std::string_view what, std::string_view value, std::string_view why) {
  return make_error(ErrorKind::kUsage, "invalid " + std::string(what) + " '" + std::string(value) +
                                           "': " + std::string(why));
}

}  // namespace

Result<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t address = 0;
  std::string_view rest = text;
  for (int octet = 0; octet < 4; ++octet) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    size_t used = static_cast<size_t>(end - rest.data());
    if (ec != std::errc() || used == 0 || used > 3 || value > 255) {
      return bad("IP address", text, "expected four numbers 0-255 separated by dots");
    }
    address = (address << 8) | value;
    rest.remove_prefix(used);
    if (octet < 3) {
      if (rest.empty() || rest.front() != '.') {
        return bad("IP address", text, "expected four numbers 0-255 separated by dots");
      }
      rest.remove_prefix(1);
    }
  }
  if (!rest.empty()) return bad("IP address", text, "unexpected text after the address");
  return address;
}

std::string format_ipv4(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xff) + "." +
         std::to_string((a >> 8) & 0xff) + "." + std::to_string(a & 0xff);
}

Result<Ipv4Range> parse_ipv4_range(std::string_view text) {
  text = trim(text);
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    auto base = parse_ipv4(text.substr(0, slash));
    if (!base) return std::unexpected(base.error());
    std::string_view bits_text = text.substr(slash + 1);
    unsigned bits = 0;
    auto [end, ec] = std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
    if (ec != std::errc() || end != bits_text.data() + bits_text.size() || bits > 32) {
      return bad("CIDR block", text, "the prefix length must be 0-32");
    }
    std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
    return Ipv4Range{*base & mask, (*base & mask) | ~mask};
  }
  if (size_t dash = text.find('-'); dash != std::string_view::npos) {
    auto first = parse_ipv4(trim(text.substr(0, dash)));
    if (!first) return std::unexpected(first.error());
    auto last = parse_ipv4(trim(text.substr(dash + 1)));
    if (!last) return std::unexpected(last.error());
    if (*last < *first) return bad("IP range", text, "the range ends before it starts");
    return Ipv4Range{*first, *last};
  }
  auto single = parse_ipv4(text);
  if (!single) return std::unexpected(single.error());
  return Ipv4Range{*single, *single};
}

Result<std::vector<Ipv4Range>> parse_ipv4_ranges(std::string_view text) {
  std::vector<Ipv4Range> ranges;
  for (auto item : split_commas(text)) {
    auto range = parse_ipv4_range(item);
    if (!range) return std::unexpected(range.error());
    ranges.push_back(*range);
  }
  if (ranges.empty()) return bad("IP list", text, "no address given");
  return ranges;
}

std::string format_ipv4_range(const Ipv4Range& r) {
  if (r.first == r.last) return format_ipv4(r.first);
  return format_ipv4(r.first) + "-" + format_ipv4(r.last);
}

std::string join_ipv4_ranges(const std::vector<Ipv4Range>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    if (!out.empty()) out += ',';
    out += format_ipv4_range(r);
  }
  return out;
}

Result<std::vector<std::string>> parse_ipv6_list(std::string_view text) {
  std::vector<std::string> out;
  for (auto item : split_commas(text)) {
    std::string address(item);
    in6_addr parsed{};
    if (inet_pton(AF_INET6, address.c_str(), &parsed) != 1) {
      return bad("IPv6 address", item, "not an IPv6 address (ranges are not accepted by Qualys)");
    }
    out.push_back(std::move(address));
  }
  if (out.empty()) return bad("IPv6 list", text, "no address given");
  return out;
}

Result<std::vector<IdRange>> parse_id_ranges(std::string_view text, std::string_view what) {
  std::vector<IdRange> out;
  for (auto item : split_commas(text)) {
    size_t dash = item.find('-');
    auto number = [&](std::string_view s) -> Result<std::uint64_t> {
      s = trim(s);
      std::uint64_t v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
        return bad(what, item, "expected a positive integer or a range a-b");
      }
      return v;
    };
    auto first = number(item.substr(0, dash));
    if (!first) return std::unexpected(first.error());
    std::uint64_t last_value = *first;
    if (dash != std::string_view::npos) {
      auto last = number(item.substr(dash + 1));
      if (!last) return std::unexpected(last.error());
      if (*last < *first) return bad(what, item, "the range ends before it starts");
      last_value = *last;
    }
    out.push_back({*first, last_value});
  }
  if (out.empty()) return bad(what, text, "nothing given");
  return out;
}

std::string format_id_ranges(const std::vector<IdRange>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    if (!out.empty()) out += ',';
    out += std::to_string(r.first);
    if (r.last != r.first) out += "-" + std::to_string(r.last);
  }
  return out;
}

Result<Timestamp> parse_date_option(std::string_view text, std::string_view option) {
  auto t = parse_timestamp(trim(text));
  if (!t) return bad(option, text, "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
  return *t;
}

}  // namespace qvm
