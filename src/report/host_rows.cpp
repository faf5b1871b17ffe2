// Host and detection rows (host list and host list detection).
#include "report/column_table.hpp"
#include "report/list_cells.hpp"

namespace qvm {
namespace {

using report::list_of;

const std::vector<report::Column<Host>>& host_table() {
  using H = Host;
  static const std::vector<report::Column<Host>> columns = {
      QVM_COLUMN(H, id),
      QVM_COLUMN(H, asset_id),
      QVM_COLUMN(H, ip),
      QVM_COLUMN(H, ipv6),
      QVM_COLUMN(H, trurisk_score),
      QVM_COLUMN(H, asset_criticality_score),
      QVM_COLUMN(H, tracking_method),
      QVM_COLUMN(H, network_id),
      QVM_COLUMN(H, os),
      QVM_COLUMN(H, os_cpe),
      QVM_COLUMN(H, dns),
      {"dns_hostname",
       [](const H& h) { return h.dns_data ? to_field(h.dns_data->hostname) : FieldValue(); }},
      {"dns_domain",
       [](const H& h) { return h.dns_data ? to_field(h.dns_data->domain) : FieldValue(); }},
      {"dns_fqdn",
       [](const H& h) { return h.dns_data ? to_field(h.dns_data->fqdn) : FieldValue(); }},
      QVM_COLUMN(H, cloud_provider),
      QVM_COLUMN(H, cloud_service),
      QVM_COLUMN(H, cloud_resource_id),
      QVM_COLUMN(H, ec2_instance_id),
      QVM_COLUMN(H, netbios),
      QVM_COLUMN(H, qg_hostid),
      QVM_COLUMN(H, last_boot),
      QVM_COLUMN(H, serial_number),
      QVM_COLUMN(H, hardware_uuid),
      QVM_COLUMN(H, first_found_date),
      QVM_COLUMN(H, last_activity),
      QVM_COLUMN(H, agent_status),
      QVM_COLUMN(H, cloud_agent_running_on),
      {"tags", [](const H& h) { return list_of(h.tags, [](const HostTag& t) { return t.name; }); }},
      {"metadata",
       [](const H& h) {
         return list_of(h.metadata, [](const MetadataAttribute& a) {
           return a.provider + ":" + a.name + "=" + a.value.value_or("");
         });
       }},
      {"cloud_provider_tags",
       [](const H& h) {
         return list_of(h.cloud_provider_tags,
                        [](const CloudTag& t) { return t.name + "=" + t.value; });
       }},
      QVM_COLUMN(H, last_vuln_scan_datetime),
      QVM_COLUMN(H, last_scan_datetime),
      QVM_COLUMN(H, last_vm_scanned_date),
      QVM_COLUMN(H, last_vm_scanned_duration),
      QVM_COLUMN(H, last_vm_auth_scanned_date),
      QVM_COLUMN(H, last_vm_auth_scanned_duration),
      QVM_COLUMN(H, last_pc_scanned_date),
      QVM_COLUMN(H, last_compliance_scan_datetime),
      QVM_COLUMN(H, last_scap_scan_datetime),
      QVM_COLUMN(H, owner),
      QVM_COLUMN(H, comments),
      {"asset_group_ids",
       [](const H& h) {
         return list_of(h.asset_group_ids, [](std::uint64_t id) { return std::to_string(id); });
       }},
  };
  return columns;
}

const std::vector<report::Column<Detection>>& detection_table() {
  using D = Detection;
  static const std::vector<report::Column<Detection>> columns = {
      QVM_COLUMN(D, unique_vuln_id),
      QVM_COLUMN(D, qid),
      QVM_COLUMN(D, type),
      QVM_COLUMN(D, severity),
      QVM_COLUMN(D, port),
      QVM_COLUMN(D, protocol),
      QVM_COLUMN(D, fqdn),
      QVM_COLUMN(D, ssl),
      QVM_COLUMN(D, instance),
      QVM_COLUMN(D, results),
      QVM_COLUMN(D, status),
      QVM_COLUMN(D, first_found_datetime),
      QVM_COLUMN(D, last_found_datetime),
      {"qds",
       [](const D& d) { return d.qds ? FieldValue(std::int64_t{d.qds->score}) : FieldValue(); }},
      {"qds_severity",
       [](const D& d) { return d.qds ? FieldValue(d.qds->severity) : FieldValue(); }},
      {"qds_factors",
       [](const D& d) {
         return list_of(d.qds_factors, [](const QdsFactor& f) { return f.name + "=" + f.value; });
       }},
      QVM_COLUMN(D, times_found),
      QVM_COLUMN(D, last_test_datetime),
      QVM_COLUMN(D, last_update_datetime),
      QVM_COLUMN(D, last_fixed_datetime),
      QVM_COLUMN(D, first_reopened_datetime),
      QVM_COLUMN(D, last_reopened_datetime),
      QVM_COLUMN(D, times_reopened),
      QVM_COLUMN(D, service),
      QVM_COLUMN(D, is_ignored),
      QVM_COLUMN(D, is_disabled),
      QVM_COLUMN(D, affect_running_kernel),
      QVM_COLUMN(D, affect_running_service),
      QVM_COLUMN(D, affect_exploitable_config),
      QVM_COLUMN(D, last_processed_datetime),
      QVM_COLUMN(D, asset_cve),
  };
  return columns;
}

}  // namespace

const std::vector<std::string>& host_columns() {
  static const std::vector<std::string> names = report::column_names(host_table());
  return names;
}

void host_row(const Host& host, std::vector<FieldValue>& out) {
  out.clear();
  report::fill_row(host_table(), host, out);
}

const std::vector<std::string>& detection_columns() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = {"host_id", "ip"};
    for (auto& c : report::column_names(detection_table()))
      n.push_back(c);
    return n;
  }();
  return names;
}

void detection_row(const Host& host, const Detection& detection, std::vector<FieldValue>& out) {
  out.clear();
  out.push_back(host.id);
  out.push_back(to_field(host.ip ? host.ip : host.ipv6));
  report::fill_row(detection_table(), detection, out);
}

}  // namespace qvm
