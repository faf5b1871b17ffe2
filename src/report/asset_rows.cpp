// Scan and QPS host asset rows.
#include "report/column_table.hpp"
#include "report/list_cells.hpp"

namespace qvm {
namespace {

using report::list_of;

const std::vector<report::Column<Scan>>& scan_table() {
  using S = Scan;
  static const std::vector<report::Column<Scan>> columns = {
      QVM_COLUMN(S, id),
      QVM_COLUMN(S, ref),
      QVM_COLUMN(S, scan_type),
      QVM_COLUMN(S, type),
      QVM_COLUMN(S, title),
      QVM_COLUMN(S, client_id),
      QVM_COLUMN(S, client_name),
      QVM_COLUMN(S, user_login),
      QVM_COLUMN(S, launch_datetime),
      QVM_COLUMN(S, duration),
      QVM_COLUMN(S, processing_priority),
      QVM_COLUMN(S, processed),
      QVM_COLUMN(S, status_state),
      QVM_COLUMN(S, status_sub_state),
      QVM_COLUMN(S, target),
      {"asset_group_title_list", [](const S& s) { return FieldValue(s.asset_group_title_list); }},
      QVM_COLUMN(S, option_profile_title),
      QVM_COLUMN(S, option_profile_default_flag),
  };
  return columns;
}

const std::vector<report::Column<HostAsset>>& host_asset_table() {
  using A = HostAsset;
  static const std::vector<report::Column<HostAsset>> columns = {
      QVM_COLUMN(A, id),
      QVM_COLUMN(A, name),
      QVM_COLUMN(A, created),
      QVM_COLUMN(A, modified),
      QVM_COLUMN(A, type),
      {"tags",
       [](const A& a) { return list_of(a.tags, [](const TagSimple& t) { return t.name; }); }},
      {"source_info",
       [](const A& a) {
         return list_of(a.source_info, [](const AssetSource& s) { return s.type; });
       }},
      QVM_COLUMN(A, qweb_host_id),
      QVM_COLUMN(A, last_compliance_scan),
      QVM_COLUMN(A, last_system_boot),
      QVM_COLUMN(A, last_logged_on_user),
      QVM_COLUMN(A, fqdn),
      QVM_COLUMN(A, os),
      QVM_COLUMN(A, dns_host_name),
      {"agent_version",
       [](const A& a) {
         return a.agent_info ? to_field(a.agent_info->agent_version) : FieldValue();
       }},
      {"agent_id",
       [](const A& a) { return a.agent_info ? to_field(a.agent_info->agent_id) : FieldValue(); }},
      {"agent_status",
       [](const A& a) { return a.agent_info ? to_field(a.agent_info->status) : FieldValue(); }},
      {"agent_last_checked_in",
       [](const A& a) {
         return a.agent_info ? to_field(a.agent_info->last_checked_in) : FieldValue();
       }},
      QVM_COLUMN(A, netbios_name),
      QVM_COLUMN(A, network_guid),
      QVM_COLUMN(A, address),
      QVM_COLUMN(A, tracking_method),
      QVM_COLUMN(A, manufacturer),
      QVM_COLUMN(A, model),
      QVM_COLUMN(A, total_memory),
      QVM_COLUMN(A, timezone),
      QVM_COLUMN(A, bios_description),
      {"open_ports",
       [](const A& a) {
         return list_of(a.open_port, [](const HostAssetOpenPort& p) {
           return std::to_string(p.port) + "/" + p.protocol;
         });
       }},
      {"software",
       [](const A& a) {
         return list_of(a.software, [](const HostAssetSoftware& s) {
           return s.name + (s.version ? " " + *s.version : "");
         });
       }},
      {"vuln_qids",
       [](const A& a) {
         return list_of(a.vuln, [](const HostAssetVuln& v) { return std::to_string(v.qid); });
       }},
      {"processors",
       [](const A& a) {
         return list_of(a.processor, [](const HostAssetProcessor& p) { return p.name; });
       }},
      {"volumes",
       [](const A& a) {
         return list_of(a.volume, [](const HostAssetVolume& v) { return v.name; });
       }},
      {"accounts", [](const A& a) { return FieldValue(a.account); }},
      {"network_interfaces",
       [](const A& a) {
         return list_of(a.network_interface,
                        [](const HostAssetInterface& i) { return i.address.value_or(""); });
       }},
      QVM_COLUMN(A, is_docker_host),
      QVM_COLUMN(A, last_vuln_scan),
      QVM_COLUMN(A, vulns_updated),
  };
  return columns;
}

}  // namespace

const std::vector<std::string>& scan_columns() {
  static const std::vector<std::string> names = report::column_names(scan_table());
  return names;
}

void scan_row(const Scan& scan, std::vector<FieldValue>& out) {
  out.clear();
  report::fill_row(scan_table(), scan, out);
}

const std::vector<std::string>& host_asset_columns() {
  static const std::vector<std::string> names = report::column_names(host_asset_table());
  return names;
}

void host_asset_row(const HostAsset& asset, std::vector<FieldValue>& out) {
  out.clear();
  report::fill_row(host_asset_table(), asset, out);
}

}  // namespace qvm
