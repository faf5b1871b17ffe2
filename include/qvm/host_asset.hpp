// QPS Asset Management HostAsset records (`/qps/rest/2.0/search|get/am/hostasset`).
// Field names follow the QPS elements (camelCase on the wire, snake_case here).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qvm/timestamp.hpp"

namespace qvm {

struct TagSimple {
  std::uint64_t id = 0;
  std::string name;
  bool operator==(const TagSimple&) const = default;
};

// One sourceInfo/list entry (Ec2AssetSourceSimple, AzureAssetSourceSimple, AssetSource, …):
// its element name, its scalar children in document order, and its instance tags, if any.
struct AssetSource {
  std::string type;
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::pair<std::string, std::string>> tags;  // ec2InstanceTags key → value
  bool operator==(const AssetSource&) const = default;
};

struct AgentInfo {
  std::optional<std::string> agent_version;
  std::optional<std::string> agent_id;
  std::optional<std::string> status;
  std::optional<Timestamp> last_checked_in;
  std::optional<std::string> connected_from;
  std::optional<std::string> chirp_status;
  std::optional<std::string> platform;
  std::optional<std::string> activated_module;
  std::optional<std::string> manifest_version_vm;
  std::optional<std::string> manifest_version_pc;
  std::optional<std::string> agent_configuration_id;
  std::optional<std::string> agent_configuration_name;
  std::optional<std::string> activation_id;
  std::optional<std::string> activation_title;
  bool operator==(const AgentInfo&) const = default;
};

struct HostAssetOpenPort {
  int port = 0;
  std::string protocol;  // TCP | UDP
  std::optional<std::string> service_name;
  bool operator==(const HostAssetOpenPort&) const = default;
};

struct HostAssetSoftware {
  std::string name;
  std::optional<std::string> version;
  bool operator==(const HostAssetSoftware&) const = default;
};

struct HostAssetVuln {
  std::uint64_t qid = 0;
  std::optional<std::uint64_t> host_instance_vuln_id;
  std::optional<Timestamp> first_found;
  std::optional<Timestamp> last_found;
  bool operator==(const HostAssetVuln&) const = default;
};

struct HostAssetProcessor {
  std::string name;
  std::optional<std::string> speed;
  bool operator==(const HostAssetProcessor&) const = default;
};

struct HostAssetVolume {
  std::string name;
  std::optional<std::string> size;
  std::optional<std::string> free;
  bool operator==(const HostAssetVolume&) const = default;
};

struct HostAssetInterface {
  std::optional<std::string> hostname;
  std::optional<std::string> interface_id;
  std::optional<std::string> interface_name;
  std::optional<std::string> type;  // PRIVATE | PUBLIC
  std::optional<std::string> address;
  std::optional<std::string> gateway_address;
  std::optional<std::string> mac_address;
  bool operator==(const HostAssetInterface&) const = default;
};

struct HostAsset {
  std::uint64_t id = 0;
  std::optional<std::string> name;
  std::optional<Timestamp> created;
  std::optional<Timestamp> modified;
  std::optional<std::string> type;
  std::vector<TagSimple> tags;
  std::vector<AssetSource> source_info;
  std::optional<std::uint64_t> qweb_host_id;
  std::optional<Timestamp> last_compliance_scan;
  std::optional<Timestamp> last_system_boot;
  std::optional<std::string> last_logged_on_user;
  std::optional<std::string> fqdn;
  std::optional<std::string> os;
  std::optional<std::string> dns_host_name;
  std::optional<AgentInfo> agent_info;
  std::optional<std::string> netbios_name;
  std::optional<std::string> network_guid;
  std::optional<std::string> address;
  std::optional<std::string> tracking_method;
  std::optional<std::string> manufacturer;
  std::optional<std::string> model;
  std::optional<std::int64_t> total_memory;
  std::optional<std::string> timezone;
  std::optional<std::string> bios_description;
  std::vector<HostAssetOpenPort> open_port;
  std::vector<HostAssetSoftware> software;
  std::vector<HostAssetVuln> vuln;
  std::vector<HostAssetProcessor> processor;
  std::vector<HostAssetVolume> volume;
  std::vector<std::string> account;  // HostAssetAccount/username
  std::vector<HostAssetInterface> network_interface;
  std::optional<bool> is_docker_host;
  std::optional<Timestamp> last_vuln_scan;
  std::optional<Timestamp> vulns_updated;

  bool operator==(const HostAsset&) const = default;
};

// The envelope of a QPS ServiceResponse, minus its records.
struct QpsEnvelope {
  std::string response_code;  // SUCCESS, INVALID_REQUEST, INVALID_CREDENTIALS, …
  std::optional<std::int64_t> count;
  std::optional<bool> has_more_records;
  std::optional<std::uint64_t> last_id;
  std::optional<std::string> error_message;
  std::optional<std::string> error_resolution;
  bool operator==(const QpsEnvelope&) const = default;
};

}  // namespace qvm
