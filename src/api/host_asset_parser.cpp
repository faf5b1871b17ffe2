// QPS ServiceResponse of the Asset Management hostasset search/get: data/HostAsset records
// and the envelope (responseCode, count, hasMoreRecords, lastId, responseErrorDetails).
// Every QPS collection is `<x><list><Item>…</Item></list></x>`; an empty one is `<list/>`.
#include "api/document_parser.hpp"
#include "api/field_table.hpp"

namespace qvm {
namespace {

constexpr size_t kAssetDepth = 2;  // ServiceResponse/data/HostAsset
// Levels below HostAsset.
constexpr size_t kItemLevel = 3;     // collection/list/Item
constexpr size_t kTagPairLevel = 7;  // sourceInfo/list/Source/ec2InstanceTags/tags/list/EC2Tags

const api::FieldTable<HostAsset>& asset_table() {
  static const api::FieldTable<HostAsset> table = {
      {"id", QVM_FIELD(HostAsset, id)},
      {"name", QVM_FIELD(HostAsset, name)},
      {"created", QVM_FIELD(HostAsset, created)},
      {"modified", QVM_FIELD(HostAsset, modified)},
      {"type", QVM_FIELD(HostAsset, type)},
      {"qwebHostId", QVM_FIELD(HostAsset, qweb_host_id)},
      {"lastComplianceScan", QVM_FIELD(HostAsset, last_compliance_scan)},
      {"lastSystemBoot", QVM_FIELD(HostAsset, last_system_boot)},
      {"lastLoggedOnUser", QVM_FIELD(HostAsset, last_logged_on_user)},
      {"fqdn", QVM_FIELD(HostAsset, fqdn)},
      {"os", QVM_FIELD(HostAsset, os)},
      {"dnsHostName", QVM_FIELD(HostAsset, dns_host_name)},
      {"netbiosName", QVM_FIELD(HostAsset, netbios_name)},
      {"networkGuid", QVM_FIELD(HostAsset, network_guid)},
      {"address", QVM_FIELD(HostAsset, address)},
      {"trackingMethod", QVM_FIELD(HostAsset, tracking_method)},
      {"manufacturer", QVM_FIELD(HostAsset, manufacturer)},
      {"model", QVM_FIELD(HostAsset, model)},
      {"totalMemory", QVM_FIELD(HostAsset, total_memory)},
      {"timezone", QVM_FIELD(HostAsset, timezone)},
      {"biosDescription", QVM_FIELD(HostAsset, bios_description)},
      {"isDockerHost", QVM_FIELD(HostAsset, is_docker_host)},
      {"lastVulnScan", QVM_FIELD(HostAsset, last_vuln_scan)},
      {"vulnsUpdated", QVM_FIELD(HostAsset, vulns_updated)},
  };
  return table;
}

// agentInfo children; the nested groups as "parent/name".
const api::FieldTable<AgentInfo>& agent_table() {
  static const api::FieldTable<AgentInfo> table = {
      {"agentVersion", QVM_FIELD(AgentInfo, agent_version)},
      {"agentId", QVM_FIELD(AgentInfo, agent_id)},
      {"status", QVM_FIELD(AgentInfo, status)},
      {"lastCheckedIn", QVM_FIELD(AgentInfo, last_checked_in)},
      {"connectedFrom", QVM_FIELD(AgentInfo, connected_from)},
      {"chirpStatus", QVM_FIELD(AgentInfo, chirp_status)},
      {"platform", QVM_FIELD(AgentInfo, platform)},
      {"activatedModule", QVM_FIELD(AgentInfo, activated_module)},
      {"manifestVersion/vm", QVM_FIELD(AgentInfo, manifest_version_vm)},
      {"manifestVersion/pc", QVM_FIELD(AgentInfo, manifest_version_pc)},
      {"agentConfiguration/id", QVM_FIELD(AgentInfo, agent_configuration_id)},
      {"agentConfiguration/name", QVM_FIELD(AgentInfo, agent_configuration_name)},
      {"activationKey/activationId", QVM_FIELD(AgentInfo, activation_id)},
      {"activationKey/title", QVM_FIELD(AgentInfo, activation_title)},
  };
  return table;
}

const api::FieldTable<TagSimple>& tag_table() {
  static const api::FieldTable<TagSimple> table = {
      {"id", QVM_FIELD(TagSimple, id)},
      {"name", QVM_FIELD(TagSimple, name)},
  };
  return table;
}

const api::FieldTable<HostAssetOpenPort>& open_port_table() {
  static const api::FieldTable<HostAssetOpenPort> table = {
      {"port", QVM_FIELD(HostAssetOpenPort, port)},
      {"protocol", QVM_FIELD(HostAssetOpenPort, protocol)},
      {"serviceName", QVM_FIELD(HostAssetOpenPort, service_name)},
  };
  return table;
}

const api::FieldTable<HostAssetSoftware>& software_table() {
  static const api::FieldTable<HostAssetSoftware> table = {
      {"name", QVM_FIELD(HostAssetSoftware, name)},
      {"version", QVM_FIELD(HostAssetSoftware, version)},
  };
  return table;
}

const api::FieldTable<HostAssetVuln>& vuln_table() {
  static const api::FieldTable<HostAssetVuln> table = {
      {"qid", QVM_FIELD(HostAssetVuln, qid)},
      {"hostInstanceVulnId", QVM_FIELD(HostAssetVuln, host_instance_vuln_id)},
      {"firstFound", QVM_FIELD(HostAssetVuln, first_found)},
      {"lastFound", QVM_FIELD(HostAssetVuln, last_found)},
  };
  return table;
}

const api::FieldTable<HostAssetProcessor>& processor_table() {
  static const api::FieldTable<HostAssetProcessor> table = {
      {"name", QVM_FIELD(HostAssetProcessor, name)},
      {"speed", QVM_FIELD(HostAssetProcessor, speed)},
  };
  return table;
}

const api::FieldTable<HostAssetVolume>& volume_table() {
  static const api::FieldTable<HostAssetVolume> table = {
      {"name", QVM_FIELD(HostAssetVolume, name)},
      {"size", QVM_FIELD(HostAssetVolume, size)},
      {"free", QVM_FIELD(HostAssetVolume, free)},
  };
  return table;
}

const api::FieldTable<HostAssetInterface>& interface_table() {
  static const api::FieldTable<HostAssetInterface> table = {
      {"hostname", QVM_FIELD(HostAssetInterface, hostname)},
      {"interfaceId", QVM_FIELD(HostAssetInterface, interface_id)},
      {"interfaceName", QVM_FIELD(HostAssetInterface, interface_name)},
      {"type", QVM_FIELD(HostAssetInterface, type)},
      {"address", QVM_FIELD(HostAssetInterface, address)},
      {"gatewayAddress", QVM_FIELD(HostAssetInterface, gateway_address)},
      {"macAddress", QVM_FIELD(HostAssetInterface, mac_address)},
  };
  return table;
}

const api::FieldTable<QpsEnvelope>& envelope_table() {
  static const api::FieldTable<QpsEnvelope> table = {
      {"responseCode", QVM_FIELD(QpsEnvelope, response_code)},
      {"count", QVM_FIELD(QpsEnvelope, count)},
      {"hasMoreRecords", QVM_FIELD(QpsEnvelope, has_more_records)},
      {"lastId", QVM_FIELD(QpsEnvelope, last_id)},
      {"responseErrorDetails/errorMessage", QVM_FIELD(QpsEnvelope, error_message)},
      {"responseErrorDetails/errorResolution", QVM_FIELD(QpsEnvelope, error_resolution)},
  };
  return table;
}

template <class Item>
Status assign_last(const api::FieldTable<Item>& table, std::vector<Item>& items,
                   std::string_view name, std::string& text) {
  if (items.empty()) return {};
  return api::assign_from_table(table, items.back(), name, text);
}

class HostAssetParser final : public api::DocumentParser {
 public:
  HostAssetParser(HostAssetCallbacks callbacks, XmlBackend backend)
      : DocumentParser("ServiceResponse", backend), callbacks_(std::move(callbacks)) {}

 private:
  Status element_start(std::string_view name, std::span<const xml::Attribute>) override {
    last_start_depth_ = depth();
    if (depth() == kAssetDepth && name == "HostAsset" && ancestor() == "data") {
      asset_ = HostAsset{};
      in_asset_ = true;
      return {};
    }
    if (!in_asset_) return {};
    const size_t level = depth() - kAssetDepth;
    if (level == 1 && name == "agentInfo") asset_.agent_info.emplace();
    if (level == kItemLevel && ancestor() == "list") item_start(ancestor(2), name);
    if (level == kTagPairLevel && ancestor() == "list" && ancestor(6) == "sourceInfo" &&
        !asset_.source_info.empty()) {
      asset_.source_info.back().tags.emplace_back();
    }
    return {};
  }

  void item_start(std::string_view collection, std::string_view item) {
    if (collection == "tags") asset_.tags.emplace_back();
    if (collection == "sourceInfo") asset_.source_info.emplace_back().type = std::string(item);
    if (collection == "openPort") asset_.open_port.emplace_back();
    if (collection == "software") asset_.software.emplace_back();
    if (collection == "vuln") asset_.vuln.emplace_back();
    if (collection == "processor") asset_.processor.emplace_back();
    if (collection == "volume") asset_.volume.emplace_back();
    if (collection == "networkInterface") asset_.network_interface.emplace_back();
  }

  Status element_end(std::string_view name, std::string& text) override {
    // No child element started since this one opened: it holds text, not structure.
    const bool leaf = last_start_depth_ == depth();
    last_start_depth_ = kNoStart;
    if (!in_asset_) return envelope_end(name, text);
    const size_t level = depth() - kAssetDepth;
    if (level == 0) {
      in_asset_ = false;
      return callbacks_.asset ? callbacks_.asset(asset_) : Status{};
    }
    if (level == 1) return api::assign_from_table(asset_table(), asset_, name, text);
    if (ancestor(level - 1) == "agentInfo" && asset_.agent_info) {
      if (level == 2) return api::assign_from_table(agent_table(), *asset_.agent_info, name, text);
      if (level == 3) {
        std::string key = std::string(ancestor()) + "/" + std::string(name);
        return api::assign_from_table(agent_table(), *asset_.agent_info, key, text);
      }
      return {};
    }
    if (level == kItemLevel + 1) return item_field_end(ancestor(3), name, text, leaf);
    if (level == kTagPairLevel + 1 && ancestor(7) == "sourceInfo" && !asset_.source_info.empty()) {
      auto& tags = asset_.source_info.back().tags;
      if (!tags.empty() && name == "key") tags.back().first = std::move(text);
      if (!tags.empty() && name == "value") tags.back().second = std::move(text);
    }
    return {};
  }

  Status item_field_end(std::string_view collection, std::string_view name, std::string& text,
                        bool leaf) {
    if (collection == "tags") return assign_last(tag_table(), asset_.tags, name, text);
    if (collection == "openPort")
      return assign_last(open_port_table(), asset_.open_port, name, text);
    if (collection == "software") return assign_last(software_table(), asset_.software, name, text);
    if (collection == "vuln") return assign_last(vuln_table(), asset_.vuln, name, text);
    if (collection == "processor") {
      return assign_last(processor_table(), asset_.processor, name, text);
    }
    if (collection == "volume") return assign_last(volume_table(), asset_.volume, name, text);
    if (collection == "networkInterface") {
      return assign_last(interface_table(), asset_.network_interface, name, text);
    }
    if (collection == "account" && name == "username") {
      asset_.account.push_back(std::move(text));
    }
    // Asset sources differ per cloud and grow over time, so their scalars are kept by name.
    if (collection == "sourceInfo" && leaf && !asset_.source_info.empty()) {
      asset_.source_info.back().fields.emplace_back(std::string(name), std::move(text));
    }
    return {};
  }

  Status envelope_end(std::string_view name, std::string& text) {
    if (depth() == 1) return api::assign_from_table(envelope_table(), envelope_, name, text);
    if (depth() == 2 && ancestor() == "responseErrorDetails") {
      std::string key = "responseErrorDetails/" + std::string(name);
      return api::assign_from_table(envelope_table(), envelope_, key, text);
    }
    return {};
  }

  // A responseCode other than SUCCESS is an error whatever the HTTP status (QPS sends its
  // errors with 200); the envelope still goes to the caller first, for logging.
  Status document_end() override {
    if (callbacks_.envelope) callbacks_.envelope(envelope_);
    if (envelope_.response_code.empty()) {
      return make_error(ErrorKind::kMalformed,
                        "unexpected response: QPS ServiceResponse "
                        "without a responseCode");
    }
    if (envelope_.response_code != "SUCCESS") return std::unexpected(qps_error(envelope_));
    return {};
  }

  HostAssetCallbacks callbacks_;
  QpsEnvelope envelope_;
  HostAsset asset_;
  bool in_asset_ = false;
  static constexpr size_t kNoStart = static_cast<size_t>(-1);
  // Depth of the last element started, or kNoStart once any element ended after it.
  size_t last_start_depth_ = kNoStart;
};

}  // namespace

std::unique_ptr<ResponseParser> make_host_asset_parser(HostAssetCallbacks callbacks,
                                                       XmlBackend backend) {
  return std::make_unique<HostAssetParser>(std::move(callbacks), backend);
}

}  // namespace qvm
