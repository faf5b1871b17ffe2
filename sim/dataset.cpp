// Generated hosts and the simulated clock. A host is a pure function of (seed, index, generation):
// IDs ascend with the index, new hosts are appended each generation, and each generation is a
// scan round in which some hosts are scanned (always weekly, otherwise one in four).
#include "qvm_sim/dataset.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>

#include "generated.hpp"
#include "qvm_sim/options.hpp"
#include "seeded.hpp"

namespace qvm::sim {
namespace {

constexpr std::uint64_t kFirstHostId = 1000000;
constexpr std::uint64_t kHostIdStride = 4;
constexpr std::uint64_t kFirstAssetId = 3000000;
constexpr std::uint64_t kAssetIdStride = 5;

constexpr std::array<std::string_view, 12> kOs{
    "Windows 2016 Datacenter 64 bit Edition Version 1607",
    "Windows 10 Enterprise 64 bit Edition Version 21H2",
    "Windows 2008 R2 Enterprise Service Pack1",
    "Windows Server 2019 Standard 64 bit Edition Version 1809",
    "Ubuntu Linux 20.04.6",
    "Ubuntu Linux 22.04.3",
    "Red Hat Enterprise Linux Server 7.9",
    "Red Hat Enterprise Linux 8.8",
    "Debian GNU/Linux 11.7",
    "Amazon Linux 2",
    "Cisco IOS XE 16.9.4",
    "Linux 4.x"};
constexpr std::array<std::string_view, 10> kNames{"web",  "db",    "app", "mail",     "dc",
                                                  "file", "build", "vpn", "k8s-node", "ws"};
constexpr std::array<std::string_view, 4> kDomains{"corp.example.test", "prod.example.net",
                                                   "lab.example.org", "eu.example.test"};
constexpr std::array<std::string_view, 6> kOwners{"jsmith", "mgarcia", "akumar",
                                                  "lchen",  "sec_ops", "qualys_admin"};
constexpr std::array<std::string_view, 5> kComments{"Managed by IT", "Büro München – 3. OG",
                                                    "Owner: R&D <lab>", "東京オフィス", ""};
constexpr std::array<std::string_view, 5> kRegions{"us-east-1", "us-west-2", "eu-central-1",
                                                   "eu-west-1", "ap-south-1"};

const std::vector<AssetGroup>& groups() {
  static const std::vector<AssetGroup> g{{4700001, "All Linux Servers"},
                                         {4700002, "Windows Workstations"},
                                         {4700003, "DMZ"},
                                         {4700004, "PCI Scope"},
                                         {4700005, "Datacenter East"},
                                         {4700006, "Datacenter West"},
                                         {4700007, "Cloud"},
                                         {4700008, "Büro Düsseldorf"}};
  return g;
}

struct TagDef {
  std::uint64_t id;
  std::string_view name;
};
constexpr std::array<TagDef, 8> kTags{{{7710001, "Cloud Agent"},
                                       {7710002, "Production"},
                                       {7710003, "PCI"},
                                       {7710004, "Internet Facing"},
                                       {7710005, "Critical"},
                                       {7710006, "Staging"},
                                       {7710007, "Linux"},
                                       {7710008, "Windows"}}};

std::string ipv4_text(std::uint32_t ip) {
  return fmt::format("{}.{}.{}.{}", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  auto q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

DataView::DataView(std::uint64_t seed, std::uint64_t base_hosts, std::uint64_t new_hosts,
                   std::uint32_t kb_size, Timestamp epoch, std::chrono::seconds generation,
                   Timestamp now, std::uint32_t rescan_per_mille)
    : seed_(seed),
      base_hosts_(base_hosts),
      new_hosts_(new_hosts),
      kb_size_(kb_size),
      epoch_(epoch),
      generation_length_(generation),
      now_(now),
      generation_(std::max<std::int64_t>(
          0, floor_div((now - epoch).count(), std::max<std::int64_t>(1, generation.count())))),
      rescan_per_mille_(rescan_per_mille) {}

std::uint64_t DataView::mix(std::uint64_t a, std::uint64_t b, std::uint64_t c) const {
  return qvm::sim::mix(seed_, a, b, c);
}

std::uint64_t DataView::host_count() const {
  return base_hosts_ + new_hosts_ * static_cast<std::uint64_t>(generation_);
}

std::uint64_t DataView::host_id(std::uint64_t index) const {
  return kFirstHostId + kHostIdStride * index + mix(index, 0x1d) % kHostIdStride;
}

std::optional<std::uint64_t> DataView::host_index(std::uint64_t id) const {
  if (id < kFirstHostId) return std::nullopt;
  auto index = (id - kFirstHostId) / kHostIdStride;
  if (index >= host_count() || host_id(index) != id) return std::nullopt;
  return index;
}

std::uint64_t DataView::lower_bound(std::uint64_t id) const {
  if (id <= kFirstHostId) return 0;
  auto index = (id - kFirstHostId) / kHostIdStride;
  if (index >= host_count()) return host_count();
  return host_id(index) >= id ? index : index + 1;
}

std::int64_t DataView::host_birth_generation(std::uint64_t index) const {
  if (index < base_hosts_) return -static_cast<std::int64_t>(7 + mix(index, 0xb1) % 700);
  return 1 +
         static_cast<std::int64_t>((index - base_hosts_) / std::max<std::uint64_t>(1, new_hosts_));
}

bool DataView::scanned_in(std::uint64_t index, std::int64_t g) const {
  const auto birth = host_birth_generation(index);
  if (g < birth) return false;
  if (g == birth) return true;
  // After start, an explicit rescan rate replaces the weekly rhythm (history stays the same).
  if (g > 0 && rescan_per_mille_ != 0) {
    return mix(index, static_cast<std::uint64_t>(g), 0x5c) % 1000 < rescan_per_mille_;
  }
  if (((g % 7) + 7) % 7 == 0) return true;
  return mix(index, static_cast<std::uint64_t>(g), 0x5c) % 4 == 0;
}

std::int64_t DataView::last_scan_generation(std::uint64_t index, std::int64_t g) const {
  const auto birth = host_birth_generation(index);
  for (auto k = g; k > birth; --k) {
    if (scanned_in(index, k)) return k;
  }
  return birth;
}

std::int64_t DataView::next_scan_generation(std::uint64_t index, std::int64_t g) const {
  auto k = std::max(g, host_birth_generation(index));
  while (!scanned_in(index, k))
    ++k;
  return k;
}

Timestamp DataView::scan_time(std::uint64_t index, std::int64_t g) const {
  // Scans of round g finish before the round starts, so every timestamp is <= now.
  const auto span = std::max<std::int64_t>(2, generation_length_.count() / 2);
  const auto offset =
      1 + static_cast<std::int64_t>(mix(index, 0x71) % static_cast<std::uint64_t>(span));
  return epoch_ + generation_length_ * g - std::chrono::seconds(offset);
}

std::optional<std::uint32_t> DataView::host_ipv4(std::uint64_t index) const {
  if (mix(index, 0x16) % 50 == 0) return std::nullopt;  // IPv6-only hosts
  const auto n = static_cast<std::uint32_t>(index / 4);
  switch (index % 4) {
    case 0:
    case 1:
      return (10u << 24) + 1 + n * 2 + static_cast<std::uint32_t>(index % 4);
    case 2:
      return (172u << 24) + (16u << 16) + 1 + n;
    default:
      if (n < 65000) return (192u << 24) + (168u << 16) + 1 + n;
      return (100u << 24) + (64u << 16) + 1 + n;
  }
}

const std::vector<AssetGroup>& DataView::asset_groups() const {
  return groups();
}

std::vector<std::uint64_t> DataView::asset_group_ids(std::uint64_t index) const {
  Draw d(mix(index, 0xa6));
  std::vector<std::uint64_t> ids;
  const auto& g = groups();
  const auto first = d.below(g.size());
  const auto n = 1 + d.below(3);
  for (std::uint64_t k = 0; k < n; ++k)
    ids.push_back(g[(first + k * 3) % g.size()].id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Host DataView::host(std::uint64_t index) const {
  using std::chrono::seconds;
  Draw d(mix(index, 0x4057));
  Host h;
  h.id = host_id(index);
  h.asset_id = asset_id(index);
  if (auto ip = host_ipv4(index)) h.ip = ipv4_text(*ip);
  if (!h.ip || d.chance(5))
    h.ipv6 =
        fmt::format("fd00:{:x}:{:x}::{:x}", index >> 32, (index >> 16) & 0xffff, index & 0xffff);
  const auto track = d.below(100);
  h.tracking_method = track < 55 ? "IP" : track < 65 ? "DNS" : track < 80 ? "EC2" : "AGENT";
  const auto os_index = d.below(kOs.size());
  h.os = std::string(kOs[os_index]);
  const bool windows = os_index < 4;
  const auto name = fmt::format("{}-{:05}", kNames[d.below(kNames.size())], index % 100000);
  const auto domain = kDomains[d.below(kDomains.size())];
  if (*h.tracking_method != "IP" || d.chance(85)) {
    h.dns = fmt::format("{}.{}", name, domain);
    h.dns_data = DnsData{name, std::string(domain), *h.dns};
  }
  if (windows) {
    h.netbios = name;
    std::transform(h.netbios->begin(), h.netbios->end(), h.netbios->begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  }
  if (*h.tracking_method == "EC2") {
    const auto region = kRegions[d.below(kRegions.size())];
    const auto instance = fmt::format("i-{:017x}", mix(index, 0xec2) & 0xfffffffffffffffULL);
    h.cloud_provider = "AWS";
    h.cloud_service = "VM";
    h.cloud_resource_id = instance;
    h.ec2_instance_id = instance;
    const auto when = scan_time(index, last_scan_generation(index, generation_));
    h.metadata.push_back({"EC2", "latest/meta-data/instance-id", "Success", instance, when,
                          std::nullopt, std::nullopt});
    h.metadata.push_back({"EC2", "latest/meta-data/placement/availability-zone", "Success",
                          fmt::format("{}{}", region, "abc"[d.below(3)]), when, std::nullopt,
                          std::nullopt});
    h.metadata.push_back({"EC2", "latest/meta-data/public-ipv4", "Error", std::string(),
                          std::nullopt, when, std::string()});
    h.cloud_provider_tags.push_back({"Environment", d.chance(50) ? "prod" : "staging", when});
  }
  if (*h.tracking_method == "AGENT") {
    h.qg_hostid = fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", mix(index, 1) & 0xffffffff,
                              mix(index, 2) & 0xffff, mix(index, 3) & 0xffff,
                              mix(index, 4) & 0xffff, mix(index, 5) & 0xffffffffffffULL);
    h.agent_status = "STATUS_ACTIVE";
  }
  const auto birth = host_birth_generation(index);
  const auto last = last_scan_generation(index, generation_);
  const auto scanned = scan_time(index, last);
  const auto processed = std::min(scanned + seconds(600), epoch_ + generation_length_ * last);
  h.first_found_date = scan_time(index, birth);
  h.last_activity = scanned;
  if (h.qg_hostid) h.last_boot = scanned - seconds(3600 * (1 + d.below(400)));
  h.last_vuln_scan_datetime = processed;
  h.last_scan_datetime = processed;
  h.last_vm_scanned_date = scanned;
  h.last_vm_scanned_duration = static_cast<std::int64_t>(30 + d.below(900));
  if (h.qg_hostid || d.chance(40)) {
    h.last_vm_auth_scanned_date = scanned;
    h.last_vm_auth_scanned_duration = *h.last_vm_scanned_duration;
  }
  const auto ntags = d.below(4);
  for (std::uint64_t k = 0; k < ntags; ++k) {
    const auto& t = kTags[(d.below(kTags.size()) + k) % kTags.size()];
    if (std::none_of(h.tags.begin(), h.tags.end(),
                     [&](const HostTag& x) { return x.tag_id == t.id; })) {
      h.tags.push_back({t.id, std::string(t.name), std::nullopt, std::nullopt});
    }
  }
  if (h.qg_hostid && std::none_of(h.tags.begin(), h.tags.end(),
                                  [](const HostTag& x) { return x.tag_id == kTags[0].id; })) {
    h.tags.insert(h.tags.begin(),
                  {kTags[0].id, std::string(kTags[0].name), std::nullopt, std::nullopt});
  }
  h.owner = std::string(kOwners[d.below(kOwners.size())]);
  if (auto c = kComments[d.below(kComments.size())]; !c.empty()) h.comments = std::string(c);
  if (d.chance(30)) {
    h.user_def = UserDefined{"Location",
                             "Business Unit",
                             "Asset Tag",
                             std::string(d.chance(50) ? "Rack 12" : "Zürich"),
                             std::string("Finance"),
                             fmt::format("AT-{:06}", index)};
  }
  h.asset_group_ids = asset_group_ids(index);
  return h;
}

std::uint64_t DataView::asset_id(std::uint64_t index) const {
  return kFirstAssetId + kAssetIdStride * index + mix(index, 0xa55e) % kAssetIdStride;
}

std::optional<std::uint64_t> DataView::asset_index(std::uint64_t id) const {
  if (id < kFirstAssetId) return std::nullopt;
  auto index = (id - kFirstAssetId) / kAssetIdStride;
  if (index >= host_count() || asset_id(index) != id) return std::nullopt;
  return index;
}

Dataset::Dataset(const Options& o)
    : seed_(o.seed),
      base_hosts_(o.hosts),
      new_hosts_(o.new_hosts_per_generation != 0 ? o.new_hosts_per_generation
                                                 : std::max<std::uint64_t>(1, o.hosts / 100)),
      kb_size_(std::clamp<std::uint32_t>(o.kb_size, 64, kMaxKbSize)),
      epoch_(o.clock),
      generation_(o.generation.count() > 0 ? o.generation : std::chrono::seconds(86400)),
      rescan_per_mille_(std::min<std::uint32_t>(o.rescan_per_mille, 1000)) {}

Timestamp Dataset::now() const {
  return epoch_ + std::chrono::seconds(offset_.load());
}

DataView Dataset::view() const {
  return DataView(seed_, base_hosts_, new_hosts_, kb_size_, epoch_, generation_, now(),
                  rescan_per_mille_);
}

void Dataset::advance_clock(std::chrono::seconds by) {
  offset_ += by.count();
}

}  // namespace qvm::sim
