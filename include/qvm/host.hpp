// Host records of HOST_LIST_OUTPUT and of the HOST part of HOST_LIST_VM_DETECTION_OUTPUT.
// Field names follow the Qualys elements (lower snake case); optional where Qualys may omit them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qvm/timestamp.hpp"

namespace qvm {

struct DnsData {
  std::optional<std::string> hostname;
  std::optional<std::string> domain;
  std::optional<std::string> fqdn;
  bool operator==(const DnsData&) const = default;
};

struct HostTag {
  std::optional<std::uint64_t> tag_id;
  std::string name;
  std::optional<std::string> color;
  std::optional<std::string> background_color;
  bool operator==(const HostTag&) const = default;
};

// One METADATA/<EC2|AZURE|GOOGLE>/ATTRIBUTE; `provider` is the enclosing element name.
struct MetadataAttribute {
  std::string provider;
  std::string name;
  std::optional<std::string> last_status;
  std::optional<std::string> value;
  std::optional<Timestamp> last_success_date;
  std::optional<Timestamp> last_error_date;
  std::optional<std::string> last_error;
  bool operator==(const MetadataAttribute&) const = default;
};

struct CloudTag {
  std::string name;
  std::string value;
  std::optional<Timestamp> last_success_date;
  bool operator==(const CloudTag&) const = default;
};

struct UserDefined {
  std::optional<std::string> label_1, label_2, label_3;
  std::optional<std::string> value_1, value_2, value_3;
  bool operator==(const UserDefined&) const = default;
};

struct Host {
  std::uint64_t id = 0;
  std::optional<std::uint64_t> asset_id;
  std::optional<std::string> ip;
  std::optional<std::string> ipv6;
  std::optional<int> trurisk_score;
  std::optional<int> asset_criticality_score;
  std::optional<std::string> tracking_method;
  std::optional<std::uint64_t> network_id;
  std::optional<std::string> os;
  std::optional<std::string> os_cpe;
  std::optional<std::string> dns;
  std::optional<DnsData> dns_data;
  std::optional<std::string> cloud_provider;
  std::optional<std::string> cloud_service;
  std::optional<std::string> cloud_resource_id;
  std::optional<std::string> ec2_instance_id;
  std::optional<std::string> netbios;
  std::optional<std::string> qg_hostid;
  std::optional<Timestamp> last_boot;
  std::optional<std::string> serial_number;
  std::optional<std::string> hardware_uuid;
  std::optional<Timestamp> first_found_date;
  std::optional<Timestamp> last_activity;
  std::optional<std::string> agent_status;
  std::optional<std::string> cloud_agent_running_on;
  std::vector<HostTag> tags;
  std::vector<MetadataAttribute> metadata;
  std::vector<CloudTag> cloud_provider_tags;
  std::optional<Timestamp> last_vuln_scan_datetime;
  std::optional<Timestamp> last_scan_datetime;  // HLD
  std::optional<Timestamp> last_vm_scanned_date;
  std::optional<std::int64_t> last_vm_scanned_duration;  // seconds
  std::optional<Timestamp> last_vm_auth_scanned_date;
  std::optional<std::int64_t> last_vm_auth_scanned_duration;
  std::optional<Timestamp> last_pc_scanned_date;  // HLD
  std::optional<Timestamp> last_compliance_scan_datetime;
  std::optional<Timestamp> last_scap_scan_datetime;
  std::optional<std::string> owner;
  std::optional<std::string> comments;
  std::optional<UserDefined> user_def;
  std::vector<std::uint64_t> asset_group_ids;

  bool operator==(const Host&) const = default;
};

// One element of an ID_SET: a single ID (first == last) or an ID_RANGE.
struct IdRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  bool operator==(const IdRange&) const = default;
};

}  // namespace qvm
