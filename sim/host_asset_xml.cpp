// The HostAsset element of QPS responses.
#include "host_asset_xml.hpp"

namespace qvm::sim {
namespace {

void write_list(XmlWriter& w, std::string_view name, bool empty) {
  w.open(name);
  if (empty) {
    w.empty("list");
  } else {
    w.open("list");
  }
}

void close_list(XmlWriter& w, std::string_view name, bool empty) {
  if (!empty) w.close("list");
  w.close(name);
}

}  // namespace

void write_host_asset(XmlWriter& w, const HostAsset& a) {
  w.open("HostAsset");
  w.text("id", static_cast<std::int64_t>(a.id));
  w.optional_text("name", a.name);
  w.optional_time("created", a.created);
  w.optional_time("modified", a.modified);
  w.optional_text("type", a.type);
  write_list(w, "tags", a.tags.empty());
  for (const auto& t : a.tags) {
    w.open("TagSimple");
    w.text("id", static_cast<std::int64_t>(t.id));
    w.text("name", t.name);
    w.close("TagSimple");
  }
  close_list(w, "tags", a.tags.empty());
  write_list(w, "sourceInfo", a.source_info.empty());
  for (const auto& s : a.source_info) {
    if (s.fields.empty() && s.tags.empty()) {
      w.empty(s.type);
      continue;
    }
    w.open(s.type);
    for (const auto& [k, v] : s.fields)
      w.text(k, v);
    if (!s.tags.empty()) {
      w.open("ec2InstanceTags");
      w.open("tags");
      w.open("list");
      for (const auto& [k, v] : s.tags) {
        w.open("EC2Tags");
        w.text("key", k);
        w.text("value", v);
        w.close("EC2Tags");
      }
      w.close("list");
      w.close("tags");
      w.close("ec2InstanceTags");
    }
    w.close(s.type);
  }
  close_list(w, "sourceInfo", a.source_info.empty());
  w.optional_int("qwebHostId", a.qweb_host_id);
  w.optional_time("lastComplianceScan", a.last_compliance_scan);
  w.optional_time("lastSystemBoot", a.last_system_boot);
  w.optional_text("lastLoggedOnUser", a.last_logged_on_user);
  w.optional_text("dnsHostName", a.dns_host_name);
  w.optional_text("os", a.os);
  w.optional_text("fqdn", a.fqdn);
  w.optional_time("lastVulnScan", a.last_vuln_scan);
  w.optional_time("vulnsUpdated", a.vulns_updated);
  if (a.agent_info) {
    const auto& g = *a.agent_info;
    w.open("agentInfo");
    w.optional_text("agentVersion", g.agent_version);
    w.optional_text("agentId", g.agent_id);
    w.optional_text("status", g.status);
    w.optional_time("lastCheckedIn", g.last_checked_in);
    w.optional_text("connectedFrom", g.connected_from);
    w.optional_text("chirpStatus", g.chirp_status);
    w.optional_text("platform", g.platform);
    w.optional_text("activatedModule", g.activated_module);
    if (g.agent_configuration_id || g.agent_configuration_name) {
      w.open("agentConfiguration");
      w.optional_text("id", g.agent_configuration_id);
      w.optional_text("name", g.agent_configuration_name);
      w.close("agentConfiguration");
    }
    if (g.activation_id || g.activation_title) {
      w.open("activationKey");
      w.optional_text("activationId", g.activation_id);
      w.optional_text("title", g.activation_title);
      w.close("activationKey");
    }
    w.close("agentInfo");
  }
  w.optional_text("netbiosName", a.netbios_name);
  w.optional_text("networkGuid", a.network_guid);
  w.optional_text("address", a.address);
  w.optional_text("trackingMethod", a.tracking_method);
  w.optional_text("manufacturer", a.manufacturer);
  w.optional_text("model", a.model);
  w.optional_int("totalMemory", a.total_memory);
  w.optional_text("timezone", a.timezone);
  w.optional_text("biosDescription", a.bios_description);
  if (a.is_docker_host) w.text("isDockerHost", *a.is_docker_host ? "true" : "false");
  write_list(w, "openPort", a.open_port.empty());
  for (const auto& p : a.open_port) {
    w.open("HostAssetOpenPort");
    w.text("port", static_cast<std::int64_t>(p.port));
    w.text("protocol", p.protocol);
    w.optional_text("serviceName", p.service_name);
    w.close("HostAssetOpenPort");
  }
  close_list(w, "openPort", a.open_port.empty());
  write_list(w, "software", a.software.empty());
  for (const auto& s : a.software) {
    w.open("HostAssetSoftware");
    w.text("name", s.name);
    w.optional_text("version", s.version);
    w.close("HostAssetSoftware");
  }
  close_list(w, "software", a.software.empty());
  write_list(w, "vuln", a.vuln.empty());
  for (const auto& v : a.vuln) {
    w.open("HostAssetVuln");
    w.text("qid", static_cast<std::int64_t>(v.qid));
    w.optional_int("hostInstanceVulnId", v.host_instance_vuln_id);
    w.optional_time("firstFound", v.first_found);
    w.optional_time("lastFound", v.last_found);
    w.close("HostAssetVuln");
  }
  close_list(w, "vuln", a.vuln.empty());
  write_list(w, "processor", a.processor.empty());
  for (const auto& p : a.processor) {
    w.open("HostAssetProcessor");
    w.text("name", p.name);
    w.optional_text("speed", p.speed);
    w.close("HostAssetProcessor");
  }
  close_list(w, "processor", a.processor.empty());
  write_list(w, "volume", a.volume.empty());
  for (const auto& v : a.volume) {
    w.open("HostAssetVolume");
    w.text("name", v.name);
    w.optional_text("size", v.size);
    w.optional_text("free", v.free);
    w.close("HostAssetVolume");
  }
  close_list(w, "volume", a.volume.empty());
  write_list(w, "account", a.account.empty());
  for (const auto& u : a.account) {
    w.open("HostAssetAccount");
    w.text("username", u);
    w.close("HostAssetAccount");
  }
  close_list(w, "account", a.account.empty());
  write_list(w, "networkInterface", a.network_interface.empty());
  for (const auto& n : a.network_interface) {
    w.open("HostAssetInterface");
    w.optional_text("hostname", n.hostname);
    w.optional_text("interfaceId", n.interface_id);
    w.optional_text("interfaceName", n.interface_name);
    w.optional_text("type", n.type);
    w.optional_text("address", n.address);
    w.optional_text("gatewayAddress", n.gateway_address);
    w.optional_text("macAddress", n.mac_address);
    w.close("HostAssetInterface");
  }
  close_list(w, "networkInterface", a.network_interface.empty());
  w.close("HostAsset");
}

}  // namespace qvm::sim
