// Host filters (ids, id_min/id_max, ips, ag_ids, ag_titles, scan dates, os_pattern, tags) and the
// cursor that turns ID bounds into index ranges, so `ids=` on a million hosts stays cheap.
#include "host_filter.hpp"

#include <algorithm>

namespace qvm::sim {

ApiResult<HostFilter> parse_host_filter(const Params& p, const DataView& data) {
  HostFilter f;
  auto ids = p.id_list("ids");
  if (!ids) return std::unexpected(ids.error());
  f.ids = std::move(*ids);
  auto id_min = p.uint("id_min");
  if (!id_min) return std::unexpected(id_min.error());
  f.id_min = *id_min;
  auto id_max = p.uint("id_max");
  if (!id_max) return std::unexpected(id_max.error());
  f.id_max = *id_max;
  auto ips = p.ip_list("ips");
  if (!ips) return std::unexpected(ips.error());
  f.ips = std::move(*ips);
  if (auto v = p.get("ipv6")) {
    std::string item;
    for (char c : *v + ",") {
      if (c == ',') {
        if (!item.empty()) f.ipv6.push_back(item);
        item.clear();
      } else {
        item += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
  }
  auto ag_ids = p.id_list("ag_ids");
  if (!ag_ids) return std::unexpected(ag_ids.error());
  f.ag_ids = std::move(*ag_ids);
  if (auto v = p.get("ag_titles")) {
    std::string item;
    for (char c : *v + ",") {
      if (c == ',') {
        if (!item.empty()) f.ag_titles.push_back(item);
        item.clear();
      } else {
        item += c;
      }
    }
    // Titles become IDs so the cheap check can use them.
    for (const auto& t : f.ag_titles) {
      bool found = false;
      for (const auto& g : data.asset_groups()) {
        if (g.title == t) {
          f.ag_ids.push_back({g.id, g.id});
          found = true;
        }
      }
      if (!found) return std::unexpected(invalid_value("ag_titles", *v));
    }
  }
  for (auto [name, slot] : {std::pair{"vm_scan_since", &f.vm_scan_since},
                            std::pair{"no_vm_scan_since", &f.no_vm_scan_since},
                            std::pair{"vm_processed_after", &f.vm_processed_after},
                            std::pair{"vm_processed_before", &f.vm_processed_before},
                            std::pair{"vm_scan_date_after", &f.vm_scan_date_after},
                            std::pair{"vm_scan_date_before", &f.vm_scan_date_before}}) {
    auto d = p.date(name);
    if (!d) return std::unexpected(d.error());
    *slot = *d;
  }
  if (auto v = p.get("os_pattern")) {
    try {
      f.os_pattern.emplace(*v, std::regex::ECMAScript | std::regex::icase);
    } catch (const std::regex_error&) {
      return std::unexpected(invalid_value("os_pattern", *v));
    }
  }
  auto use_tags = p.flag("use_tags");
  if (!use_tags) return std::unexpected(use_tags.error());
  if (use_tags->value_or(false)) {
    auto by = p.choice("tag_set_by", {"id", "name"});
    if (!by) return std::unexpected(by.error());
    f.tags_by_id = by->value_or("id") == "id";
    auto sel = p.choice("tag_include_selector", {"any", "all"});
    if (!sel) return std::unexpected(sel.error());
    f.tags_all = sel->value_or("any") == "all";
    const auto* set = p.get("tag_set_include");
    if (!set || set->empty()) {
      return std::unexpected(ApiError{400, 1903, "Missing required parameter(s): tag_set_include"});
    }
    std::string item;
    for (char c : *set + ",") {
      if (c == ',') {
        if (!item.empty()) f.tag_set_include.push_back(item);
        item.clear();
      } else {
        item += c;
      }
    }
  }
  return f;
}

bool HostFilter::matches_cheap(const DataView& data, std::uint64_t index) const {
  if (!ips.empty()) {
    auto ip = data.host_ipv4(index);
    if (!ip || std::none_of(ips.begin(), ips.end(),
                            [&](const auto& r) { return *ip >= r.first && *ip <= r.second; })) {
      return false;
    }
  }
  if (!ag_ids.empty()) {
    auto groups = data.asset_group_ids(index);
    if (std::none_of(groups.begin(), groups.end(),
                     [&](std::uint64_t g) { return in_ranges(ag_ids, g); })) {
      return false;
    }
  }
  return true;
}

bool HostFilter::matches(const Host& h) const {
  if (!ipv6.empty() && (!h.ipv6 || std::find(ipv6.begin(), ipv6.end(), *h.ipv6) == ipv6.end())) {
    return false;
  }
  const auto scanned = h.last_vm_scanned_date;
  const auto processed = h.last_scan_datetime;
  if (vm_scan_since && (!scanned || *scanned < *vm_scan_since)) return false;
  if (no_vm_scan_since && scanned && *scanned >= *no_vm_scan_since) return false;
  if (vm_scan_date_after && (!scanned || *scanned <= *vm_scan_date_after)) return false;
  if (vm_scan_date_before && (!scanned || *scanned >= *vm_scan_date_before)) return false;
  if (vm_processed_after && (!processed || *processed <= *vm_processed_after)) return false;
  if (vm_processed_before && (!processed || *processed >= *vm_processed_before)) return false;
  if (os_pattern && !std::regex_search(h.os.value_or(""), *os_pattern)) return false;
  if (!tag_set_include.empty()) {
    auto has = [&](const std::string& want) {
      return std::any_of(h.tags.begin(), h.tags.end(), [&](const HostTag& t) {
        return tags_by_id ? t.tag_id && std::to_string(*t.tag_id) == want : t.name == want;
      });
    };
    bool ok = tags_all ? std::all_of(tag_set_include.begin(), tag_set_include.end(), has)
                       : std::any_of(tag_set_include.begin(), tag_set_include.end(), has);
    if (!ok) return false;
  }
  return true;
}

HostCursor::HostCursor(const DataView& data, const HostFilter& f) {
  const std::uint64_t lo = f.id_min.value_or(0);
  const std::uint64_t hi = f.id_max.value_or(UINT64_MAX);
  std::vector<IdRange> ids = f.ids;
  if (ids.empty()) ids.push_back({0, UINT64_MAX});
  std::sort(ids.begin(), ids.end(),
            [](const IdRange& a, const IdRange& b) { return a.first < b.first; });
  for (const auto& r : ids) {
    const auto first = std::max(r.first, lo);
    const auto last = std::min(r.last, hi);
    if (first > last) continue;
    const auto a = data.lower_bound(first);
    const auto b = last == UINT64_MAX ? data.host_count() : data.lower_bound(last + 1);
    if (a >= b) continue;
    if (!ranges_.empty() && a <= ranges_.back().second) {
      ranges_.back().second = std::max(ranges_.back().second, b);
    } else {
      ranges_.emplace_back(a, b);
    }
  }
  if (!ranges_.empty()) index_ = ranges_[0].first;
}

std::optional<std::uint64_t> HostCursor::next() {
  while (range_ < ranges_.size()) {
    if (index_ < ranges_[range_].second) return index_++;
    if (++range_ < ranges_.size()) index_ = std::max(index_, ranges_[range_].first);
  }
  return std::nullopt;
}

}  // namespace qvm::sim
