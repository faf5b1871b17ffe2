// Host selection parameters shared by host list and host list detection.
#include "api/query_params.hpp"

namespace qvm::api {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

}  // namespace

std::string date_param(Timestamp t) {
  return format_timestamp(t);
}

void add_host_selection(const HostSelection& hosts, net::FormParams& params) {
  if (!hosts.ips.empty()) params.emplace_back("ips", join_ipv4_ranges(hosts.ips));
  if (!hosts.ipv6.empty()) params.emplace_back("ipv6", join(hosts.ipv6));
  if (!hosts.ids.empty()) params.emplace_back("ids", format_id_ranges(hosts.ids));
  if (hosts.id_min) params.emplace_back("id_min", std::to_string(*hosts.id_min));
  if (hosts.id_max) params.emplace_back("id_max", std::to_string(*hosts.id_max));
  if (!hosts.ag_ids.empty()) params.emplace_back("ag_ids", format_id_ranges(hosts.ag_ids));
  if (!hosts.ag_titles.empty()) params.emplace_back("ag_titles", join(hosts.ag_titles));
  if (!hosts.tags.empty()) {
    params.emplace_back("use_tags", "1");
    params.emplace_back("tag_set_by", "name");
    params.emplace_back("tag_include_selector", "any");
    params.emplace_back("tag_set_include", join(hosts.tags));
  }
  if (hosts.vm_scan_since) params.emplace_back("vm_scan_since", date_param(*hosts.vm_scan_since));
  if (hosts.vm_processed_after) {
    params.emplace_back("vm_processed_after", date_param(*hosts.vm_processed_after));
  }
}

}  // namespace qvm::api
