// Criteria evaluation against the generated host assets.
#include "qps_criteria.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace qvm::sim {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool compare_number(const Criterion& c, std::uint64_t v) {
  if (c.op == "GREATER") return v > c.numbers[0];
  if (c.op == "LESSER") return v < c.numbers[0];
  return std::find(c.numbers.begin(), c.numbers.end(), v) != c.numbers.end();
}

bool compare_text(const Criterion& c, const std::optional<std::string>& v) {
  if (!v) return false;
  if (c.op == "CONTAINS") return lower(*v).find(lower(c.value)) != std::string::npos;
  if (c.op == "IN") {
    auto items = split_criteria_list(c.value);
    return std::any_of(items.begin(), items.end(),
                       [&](const std::string& i) { return lower(i) == lower(*v); });
  }
  if (c.op == "GREATER") return *v > c.value;
  if (c.op == "LESSER") return *v < c.value;
  return lower(*v) == lower(c.value);
}

}  // namespace

bool matches(const DataView& data, std::uint64_t index, const std::vector<Criterion>& criteria) {
  std::optional<Host> host;
  for (const auto& c : criteria) {
    if (c.field == "id") {
      if (!compare_number(c, data.asset_id(index))) return false;
      continue;
    }
    if (c.field == "qwebHostId") {
      if (!compare_number(c, data.host_id(index))) return false;
      continue;
    }
    if (!host) host = data.host(index);
    const Host& h = *host;
    bool ok = true;
    if (c.field == "address") {
      ok = compare_text(c, h.ip ? h.ip : h.ipv6);
    } else if (c.field == "name") {
      ok = compare_text(
          c, h.dns_data && h.dns_data->hostname ? h.dns_data->hostname : (h.ip ? h.ip : h.ipv6));
    } else if (c.field == "os") {
      ok = compare_text(c, h.os);
    } else if (c.field == "dnsHostName") {
      ok = compare_text(c, h.dns_data ? h.dns_data->hostname : std::nullopt);
    } else if (c.field == "netbiosName") {
      ok = compare_text(c, h.netbios);
    } else if (c.field == "trackingMethod") {
      const auto& tm = *h.tracking_method;
      ok = compare_text(c, std::string(tm == "EC2"     ? "INSTANCE_ID"
                                       : tm == "AGENT" ? "QAGENT"
                                       : tm == "DNS"   ? "DNSNAME"
                                                       : "IP"));
    } else if (c.field == "tagName") {
      ok = std::any_of(h.tags.begin(), h.tags.end(),
                       [&](const HostTag& t) { return compare_text(c, t.name); });
    } else if (c.field == "updated") {
      const auto t = h.last_vm_scanned_date;
      ok = t && (c.op == "GREATER"  ? *t > *c.time
                 : c.op == "LESSER" ? *t < *c.time
                                    : *t == *c.time);
    }
    if (!ok) return false;
  }
  return true;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> candidate_ranges(const DataView& data,
                                                                      const SearchRequest& req) {
  std::uint64_t lo = 0, hi = data.host_count();
  auto asset_lower_bound = [&](std::uint64_t id) {
    std::uint64_t a = 0, b = data.host_count();
    while (a < b) {
      auto mid = a + (b - a) / 2;
      if (data.asset_id(mid) < id) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  };
  if (req.start_from_id) lo = std::max(lo, asset_lower_bound(*req.start_from_id));
  std::vector<std::pair<std::uint64_t, std::uint64_t>> points;
  bool pointwise = false;
  for (const auto& c : req.criteria) {
    if (c.field == "id") {
      if (c.op == "GREATER") lo = std::max(lo, asset_lower_bound(c.numbers[0] + 1));
      if (c.op == "LESSER") hi = std::min(hi, asset_lower_bound(c.numbers[0]));
      if (c.op == "EQUALS" || c.op == "IN") {
        pointwise = true;
        for (auto n : c.numbers) {
          if (auto i = data.asset_index(n)) points.emplace_back(*i, *i + 1);
        }
      }
    } else if (c.field == "qwebHostId") {
      if (c.op == "GREATER") lo = std::max(lo, data.lower_bound(c.numbers[0] + 1));
      if (c.op == "LESSER") hi = std::min(hi, data.lower_bound(c.numbers[0]));
      if (c.op == "EQUALS" || c.op == "IN") {
        pointwise = true;
        for (auto n : c.numbers) {
          if (auto i = data.host_index(n)) points.emplace_back(*i, *i + 1);
        }
      }
    }
  }
  if (!pointwise)
    return lo < hi ? std::vector{std::pair{lo, hi}}
                   : std::vector<std::pair<std::uint64_t, std::uint64_t>>{};
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::erase_if(points, [&](const auto& p) { return p.first < lo || p.first >= hi; });
  return points;
}

}  // namespace qvm::sim
