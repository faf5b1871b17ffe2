// HOST children: scalars, DNS_DATA, TAGS, METADATA, CLOUD_PROVIDER_TAGS, USER_DEF.
#include "api/host_fields.hpp"

#include "api/field_table.hpp"

namespace qvm::api {
namespace {

const FieldTable<Host>& host_table() {
  static const FieldTable<Host> table = {
      {"ID", QVM_FIELD(Host, id)},
      {"ASSET_ID", QVM_FIELD(Host, asset_id)},
      {"IP", QVM_FIELD(Host, ip)},
      {"IPV6", QVM_FIELD(Host, ipv6)},
      {"TRURISK_SCORE", QVM_FIELD(Host, trurisk_score)},
      {"ASSET_CRITICALITY_SCORE", QVM_FIELD(Host, asset_criticality_score)},
      {"TRACKING_METHOD", QVM_FIELD(Host, tracking_method)},
      {"NETWORK_ID", QVM_FIELD(Host, network_id)},
      {"OS", QVM_FIELD(Host, os)},
      {"OS_CPE", QVM_FIELD(Host, os_cpe)},
      {"DNS", QVM_FIELD(Host, dns)},
      {"CLOUD_PROVIDER", QVM_FIELD(Host, cloud_provider)},
      {"CLOUD_SERVICE", QVM_FIELD(Host, cloud_service)},
      {"CLOUD_RESOURCE_ID", QVM_FIELD(Host, cloud_resource_id)},
      {"EC2_INSTANCE_ID", QVM_FIELD(Host, ec2_instance_id)},
      {"NETBIOS", QVM_FIELD(Host, netbios)},
      {"QG_HOSTID", QVM_FIELD(Host, qg_hostid)},
      {"LAST_BOOT", QVM_FIELD(Host, last_boot)},
      {"SERIAL_NUMBER", QVM_FIELD(Host, serial_number)},
      {"HARDWARE_UUID", QVM_FIELD(Host, hardware_uuid)},
      {"FIRST_FOUND_DATE", QVM_FIELD(Host, first_found_date)},
      {"LAST_ACTIVITY", QVM_FIELD(Host, last_activity)},
      {"AGENT_STATUS", QVM_FIELD(Host, agent_status)},
      {"CLOUD_AGENT_RUNNING_ON", QVM_FIELD(Host, cloud_agent_running_on)},
      {"LAST_VULN_SCAN_DATETIME", QVM_FIELD(Host, last_vuln_scan_datetime)},
      {"LAST_SCAN_DATETIME", QVM_FIELD(Host, last_scan_datetime)},
      {"LAST_VM_SCANNED_DATE", QVM_FIELD(Host, last_vm_scanned_date)},
      {"LAST_VM_SCANNED_DURATION", QVM_FIELD(Host, last_vm_scanned_duration)},
      {"LAST_VM_AUTH_SCANNED_DATE", QVM_FIELD(Host, last_vm_auth_scanned_date)},
      {"LAST_VM_AUTH_SCANNED_DURATION", QVM_FIELD(Host, last_vm_auth_scanned_duration)},
      {"LAST_PC_SCANNED_DATE", QVM_FIELD(Host, last_pc_scanned_date)},
      {"LAST_COMPLIANCE_SCAN_DATETIME", QVM_FIELD(Host, last_compliance_scan_datetime)},
      {"LAST_SCAP_SCAN_DATETIME", QVM_FIELD(Host, last_scap_scan_datetime)},
      {"OWNER", QVM_FIELD(Host, owner)},
      {"COMMENTS", QVM_FIELD(Host, comments)},
      {"ASSET_GROUP_IDS", QVM_FIELD(Host, asset_group_ids)},
  };
  return table;
}

const FieldTable<DnsData>& dns_data_table() {
  static const FieldTable<DnsData> table = {
      {"HOSTNAME", QVM_FIELD(DnsData, hostname)},
      {"DOMAIN", QVM_FIELD(DnsData, domain)},
      {"FQDN", QVM_FIELD(DnsData, fqdn)},
  };
  return table;
}

const FieldTable<HostTag>& tag_table() {
  static const FieldTable<HostTag> table = {
      {"TAG_ID", QVM_FIELD(HostTag, tag_id)},
      {"NAME", QVM_FIELD(HostTag, name)},
      {"COLOR", QVM_FIELD(HostTag, color)},
      {"BACKGROUND_COLOR", QVM_FIELD(HostTag, background_color)},
  };
  return table;
}

const FieldTable<MetadataAttribute>& metadata_table() {
  static const FieldTable<MetadataAttribute> table = {
      {"NAME", QVM_FIELD(MetadataAttribute, name)},
      {"LAST_STATUS", QVM_FIELD(MetadataAttribute, last_status)},
      {"VALUE", QVM_FIELD(MetadataAttribute, value)},
      {"LAST_SUCCESS_DATE", QVM_FIELD(MetadataAttribute, last_success_date)},
      {"LAST_ERROR_DATE", QVM_FIELD(MetadataAttribute, last_error_date)},
      {"LAST_ERROR", QVM_FIELD(MetadataAttribute, last_error)},
  };
  return table;
}

const FieldTable<CloudTag>& cloud_tag_table() {
  static const FieldTable<CloudTag> table = {
      {"NAME", QVM_FIELD(CloudTag, name)},
      {"VALUE", QVM_FIELD(CloudTag, value)},
      {"LAST_SUCCESS_DATE", QVM_FIELD(CloudTag, last_success_date)},
  };
  return table;
}

const FieldTable<UserDefined>& user_def_table() {
  static const FieldTable<UserDefined> table = {
      {"LABEL_1", QVM_FIELD(UserDefined, label_1)}, {"LABEL_2", QVM_FIELD(UserDefined, label_2)},
      {"LABEL_3", QVM_FIELD(UserDefined, label_3)}, {"VALUE_1", QVM_FIELD(UserDefined, value_1)},
      {"VALUE_2", QVM_FIELD(UserDefined, value_2)}, {"VALUE_3", QVM_FIELD(UserDefined, value_3)},
  };
  return table;
}

}  // namespace

Status host_element_start(Host& host, std::string_view name, size_t level,
                          std::string_view parent) {
  if (level == 1 && name == "DNS_DATA") host.dns_data.emplace();
  if (level == 1 && name == "USER_DEF") host.user_def.emplace();
  if (level == 2 && parent == "TAGS" && name == "TAG") host.tags.emplace_back();
  if (level == 2 && parent == "CLOUD_PROVIDER_TAGS" && name == "CLOUD_TAG") {
    host.cloud_provider_tags.emplace_back();
  }
  if (level == 3 && name == "ATTRIBUTE") {
    host.metadata.emplace_back().provider = std::string(parent);
  }
  return {};
}

Status host_element_end(Host& host, std::string_view name, size_t level, std::string_view parent,
                        std::string& text) {
  if (level == 1) return assign_from_table(host_table(), host, name, text);
  if (level == 2 && parent == "DNS_DATA" && host.dns_data) {
    return assign_from_table(dns_data_table(), *host.dns_data, name, text);
  }
  if (level == 2 && parent == "USER_DEF" && host.user_def) {
    return assign_from_table(user_def_table(), *host.user_def, name, text);
  }
  if (level == 3 && parent == "TAG" && !host.tags.empty()) {
    return assign_from_table(tag_table(), host.tags.back(), name, text);
  }
  if (level == 3 && parent == "CLOUD_TAG" && !host.cloud_provider_tags.empty()) {
    return assign_from_table(cloud_tag_table(), host.cloud_provider_tags.back(), name, text);
  }
  if (level == 4 && parent == "ATTRIBUTE" && !host.metadata.empty()) {
    return assign_from_table(metadata_table(), host.metadata.back(), name, text);
  }
  return {};
}

}  // namespace qvm::api
