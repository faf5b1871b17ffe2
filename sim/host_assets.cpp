// QPS HostAsset records derived from the VM hosts, so both APIs agree: qwebHostId is the host ID,
// the address and names are the host's, and the vuln list is the host's open detections.
#include <fmt/format.h>
#include <array>

#include "qvm_sim/dataset.hpp"
#include "seeded.hpp"

namespace qvm::sim {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSoftware{
    {{"OpenSSL", "1.1.1k"},
     {"Google Chrome", "118.0.5993.88"},
     {"Microsoft Edge", "118.0.2088.61"},
     {"Python", "3.11.4"},
     {"curl", "7.88.1"},
     {"Mozilla Firefox ESR", "115.3.1"}}};

}  // namespace

HostAsset DataView::host_asset(std::uint64_t index) const {
  const Host h = host(index);
  Draw d(mix(index, 0x9a55));
  HostAsset a;
  a.id = asset_id(index);
  a.name = h.dns_data && h.dns_data->hostname ? *h.dns_data->hostname
                                              : h.ip.value_or(h.ipv6.value_or(""));
  a.created = h.first_found_date;
  a.modified = h.last_vm_scanned_date;
  a.type = "HOST";
  for (const auto& t : h.tags)
    a.tags.push_back({t.tag_id.value_or(0), t.name});
  if (h.ec2_instance_id) {
    AssetSource src;
    src.type = "Ec2AssetSourceSimple";
    src.fields = {{"firstDiscovered", format_timestamp(*h.first_found_date)},
                  {"lastUpdated", format_timestamp(*h.last_vm_scanned_date)},
                  {"assetId", std::to_string(a.id)},
                  {"instanceId", *h.ec2_instance_id},
                  {"instanceType", d.chance(50) ? "t3.medium" : "m5.large"},
                  {"instanceState", "RUNNING"},
                  {"privateIpAddress", h.ip.value_or("")}};
    src.tags = {
        {"Environment", h.cloud_provider_tags.empty() ? "prod" : h.cloud_provider_tags[0].value}};
    a.source_info.push_back(std::move(src));
  } else {
    a.source_info.push_back({"AssetSource", {}, {}});
  }
  a.qweb_host_id = h.id;
  a.last_system_boot = h.last_boot;
  a.fqdn = h.dns;
  a.os = h.os;
  a.dns_host_name = h.dns_data ? h.dns_data->hostname : std::nullopt;
  if (h.qg_hostid) {
    AgentInfo ag;
    ag.agent_version = fmt::format("5.{}.{}.{}", d.below(5), d.below(10), 10 + d.below(90));
    ag.agent_id = h.qg_hostid;
    ag.status = "STATUS_ACTIVE";
    ag.last_checked_in = h.last_activity;
    ag.connected_from = h.ip;
    ag.chirp_status = "Inventory Scan Complete";
    ag.platform = h.os && h.os->starts_with("Windows") ? "Windows" : "Linux";
    ag.agent_configuration_id = "8099";
    ag.agent_configuration_name = "Initial Profile";
    ag.activation_id =
        fmt::format("{:08x}-a8cf-4c0e-a477-86fad2dda4f4", mix(index, 0xac) & 0xffffffff);
    ag.activation_title = "Default activation key";
    a.agent_info = std::move(ag);
  }
  a.netbios_name = h.netbios;
  a.address = h.ip ? h.ip : h.ipv6;
  const auto& tm = *h.tracking_method;
  a.tracking_method = tm == "EC2"     ? "INSTANCE_ID"
                      : tm == "AGENT" ? "QAGENT"
                      : tm == "DNS"   ? "DNSNAME"
                                      : "IP";
  a.manufacturer = d.chance(50) ? "Dell Inc." : "VMware, Inc.";
  a.model = d.chance(50) ? "PowerEdge R640" : "VMware Virtual Platform";
  a.total_memory = static_cast<std::int64_t>(2048 << d.below(5));
  a.timezone = "+00:00";
  a.open_port.push_back({22, "TCP", std::string("ssh")});
  if (d.chance(60)) a.open_port.push_back({443, "TCP", std::string("https")});
  if (d.chance(20)) a.open_port.push_back({161, "UDP", std::string("snmp")});
  const auto nsoft = 1 + d.below(kSoftware.size());
  for (std::uint64_t k = 0; k < nsoft; ++k) {
    a.software.push_back({std::string(kSoftware[k].first), std::string(kSoftware[k].second)});
  }
  for (const auto& det : detections(index)) {
    if (det.status == "Fixed") continue;
    a.vuln.push_back(
        {det.qid, det.unique_vuln_id, det.first_found_datetime, det.last_found_datetime});
  }
  a.processor.push_back({"Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", std::string("2095")});
  a.volume.push_back(
      {"/", std::to_string(50 << d.below(4)) + "G", std::to_string(d.below(40)) + "G"});
  a.account = {"root"};
  if (h.ip) {
    a.network_interface.push_back({a.name, std::string("eth0"), std::nullopt,
                                   std::string("PRIVATE"), h.ip, std::nullopt, std::nullopt});
  }
  a.is_docker_host = d.chance(10);
  a.last_vuln_scan = h.last_vm_scanned_date;
  a.vulns_updated = h.last_scan_datetime;
  return a;
}

}  // namespace qvm::sim
