// The host filters shared by the host list, HLD and (for IDs) QPS: parsed from the request, then
// applied while walking hosts in ascending ID order without materialising them.
#pragma once

#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "params.hpp"
#include "qvm_sim/dataset.hpp"

namespace qvm::sim {

struct HostFilter {
  std::vector<IdRange> ids;  // empty = every host
  std::optional<std::uint64_t> id_min, id_max;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ips;  // empty = any
  std::vector<std::string> ipv6;
  std::vector<IdRange> ag_ids;
  std::vector<std::string> ag_titles;
  std::optional<Timestamp> vm_scan_since, no_vm_scan_since, vm_processed_after, vm_processed_before,
      vm_scan_date_after, vm_scan_date_before;
  std::optional<std::regex> os_pattern;
  std::vector<std::string> tag_set_include;  // names or IDs (tag_set_by)
  bool tags_by_id = true;
  bool tags_all = false;

  // ids, ips and asset groups: decided without generating the host.
  bool matches_cheap(const DataView& data, std::uint64_t index) const;
  bool matches(const Host& host) const;
};

// Parses the host filter parameters (CODE 1905 on bad values).
ApiResult<HostFilter> parse_host_filter(const Params& params, const DataView& data);

// Walks the host indices a filter's ID bounds allow, ascending.
class HostCursor {
 public:
  HostCursor(const DataView& data, const HostFilter& filter);
  std::optional<std::uint64_t> next();

 private:
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges_;  // index [first, last)
  size_t range_ = 0;
  std::uint64_t index_ = 0;
};

}  // namespace qvm::sim
