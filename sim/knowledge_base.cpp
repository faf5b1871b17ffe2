// The generated KnowledgeBase: a few thousand vulns with realistic titles, categories, CVEs, CVSS
// vectors, HTML diagnosis text (with the HTML escapes Qualys leaves in CDATA) and threat intel.
// Entries change over simulated time (LAST_SERVICE_MODIFICATION_DATETIME moves).
#include <fmt/format.h>
#include <algorithm>
#include <array>

#include "generated.hpp"
#include "qvm_sim/dataset.hpp"
#include "seeded.hpp"

namespace qvm::sim {
namespace {

// Sorted by QID base; bases at least 4000 apart (kMaxKbSize / 14 categories * 3 < 4000).
constexpr std::array<KbCategory, 14> kCategories{{
    {6, "Information gathering"},
    {19000, "Database"},
    {38000, "General remote services"},
    {45000, "Information gathering"},
    {82000, "TCP/IP"},
    {86000, "Web server"},
    {90000, "Windows"},
    {105000, "Local"},
    {150000, "Web Application"},
    {176000, "Debian"},
    {198000, "Ubuntu"},
    {236000, "RedHat"},
    {316000, "Cisco"},
    {370000, "Local"},
}};

constexpr std::array<std::string_view, 16> kProducts{"OpenSSL",
                                                     "Apache HTTP Server",
                                                     "Microsoft Windows",
                                                     "OpenSSH",
                                                     "nginx",
                                                     "PostgreSQL",
                                                     "MySQL",
                                                     "Oracle Java SE",
                                                     "Google Chrome",
                                                     "Mozilla Firefox",
                                                     "Cisco IOS XE",
                                                     "Samba",
                                                     "Linux Kernel",
                                                     "Microsoft Exchange Server",
                                                     "PHP",
                                                     "Apache Tomcat"};
constexpr std::array<std::string_view, 10> kFlaws{
    "Remote Code Execution", "Denial of Service", "Information Disclosure", "Privilege Escalation",
    "Security Update",       "Buffer Overflow",   "Cross-Site Scripting",   "Authentication Bypass",
    "Command Injection",     "Memory Corruption"};
constexpr std::array<std::string_view, 8> kInfoTitles{"DNS Host Name",
                                                      "Open TCP Services List",
                                                      "Operating System Detected",
                                                      "Traceroute",
                                                      "Host Scan Time",
                                                      "SSL Certificate - Information",
                                                      "Installed Packages List",
                                                      "Network Adapter MAC Address"};

constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kThreats{{
    {"1", "Zero_Day"},
    {"2", "Exploit_Public"},
    {"3", "Active_Attacks"},
    {"4", "High_Lateral_Movement"},
    {"5", "Easy_Exploit"},
    {"6", "High_Data_Loss"},
    {"7", "Denial_of_Service"},
    {"8", "No_Patch"},
    {"13", "Privilege_Escalation"},
    {"15", "Remote_Code_Execution"},
}};

std::uint32_t per_category(std::uint32_t kb_size) {
  return std::max<std::uint32_t>(1, (kb_size + kCategories.size() - 1) / kCategories.size());
}

std::string version_of(Draw& d) {
  return fmt::format("{}.{}.{}", 1 + d.below(9), d.below(20), d.below(40));
}

std::string cvss2_vector(Draw& d, Cvss& c) {
  static constexpr std::array<std::string_view, 3> av{"N", "A", "L"};
  static constexpr std::array<std::string_view, 3> ac{"L", "M", "H"};
  static constexpr std::array<std::string_view, 3> imp{"N", "P", "C"};
  auto a = av[d.below(3)], x = ac[d.below(3)];
  auto ci = imp[d.below(3)], ii = imp[d.below(3)], ai = imp[d.below(3)];
  c.access_vector = a == "N" ? "3" : a == "A" ? "2" : "1";
  c.access_complexity = x == "L" ? "1" : x == "M" ? "2" : "3";
  c.authentication = "1";
  c.impact_confidentiality = ci == "N" ? "1" : ci == "P" ? "2" : "3";
  c.impact_integrity = ii == "N" ? "1" : ii == "P" ? "2" : "3";
  c.impact_availability = ai == "N" ? "1" : ai == "P" ? "2" : "3";
  c.exploitability = "2";
  c.remediation_level = "1";
  c.report_confidence = "3";
  return fmt::format("CVSS:2.0/AV:{}/AC:{}/Au:N/C:{}/I:{}/A:{}", a, x, ci, ii, ai);
}

std::string cvss3_vector(Draw& d, Cvss& c) {
  static constexpr std::array<std::string_view, 4> av{"N", "A", "L", "P"};
  static constexpr std::array<std::string_view, 2> lh{"L", "H"};
  static constexpr std::array<std::string_view, 3> nlh{"N", "L", "H"};
  auto a = av[d.below(4)], x = lh[d.below(2)], pr = nlh[d.below(3)];
  auto ui = d.chance(30) ? "R" : "N";
  auto s = d.chance(20) ? "C" : "U";
  auto ci = nlh[d.below(3)], ii = nlh[d.below(3)], ai = nlh[d.below(3)];
  c.cvss3_version = "3.1";
  c.access_vector = std::string(a);
  c.access_complexity = std::string(x);
  c.privileges_required = std::string(pr);
  c.user_interaction = ui;
  c.scope = s;
  c.impact_confidentiality = std::string(ci);
  c.impact_integrity = std::string(ii);
  c.impact_availability = std::string(ai);
  c.exploit_code_maturity = std::to_string(1 + d.below(4));
  c.remediation_level = "1";
  c.report_confidence = "1";
  return fmt::format("CVSS:3.1/AV:{}/AC:{}/PR:{}/UI:{}/S:{}/C:{}/I:{}/A:{}", a, x, pr, ui, s, ci,
                     ii, ai);
}

// The latest generation <= g in which entry `index` was modified, searching a bounded span back.
std::optional<std::int64_t> last_modification(std::uint64_t seed, std::uint32_t index,
                                              std::int64_t g) {
  for (std::int64_t k = g; k >= 1 && k > g - 120; --k) {
    if (mix(seed, index, static_cast<std::uint64_t>(k), 0x6b) % 100 < 2) return k;
  }
  return std::nullopt;
}

}  // namespace

int kb_category_count() {
  return static_cast<int>(kCategories.size());
}
const KbCategory& kb_category(int index) {
  return kCategories[static_cast<size_t>(index)];
}

KbBasics kb_basics(std::uint64_t seed, std::uint32_t kb_size, std::uint32_t index) {
  const auto per = per_category(kb_size);
  KbBasics b;
  b.category = static_cast<int>(index / per);
  const std::uint64_t k = index % per;
  Draw d(mix(seed, index, 0x4b42));
  b.qid = kCategories[static_cast<size_t>(b.category)].qid_base + 3 * k + d.below(3);
  const bool info = kCategories[static_cast<size_t>(b.category)].name == "Information gathering";
  if (info) {
    b.kind = VulnKind::kInformation;
    b.severity = 1 + static_cast<int>(d.below(3));
  } else {
    auto r = d.below(100);
    b.kind = r < 70 ? VulnKind::kVulnerability : r < 90 ? VulnKind::kPotential : VulnKind::kEither;
    static constexpr std::array<int, 10> sev{1, 2, 2, 3, 3, 3, 4, 4, 5, 5};
    b.severity = sev[d.below(sev.size())];
  }
  return b;
}

std::uint64_t DataView::qid(std::uint32_t kb_index) const {
  return kb_basics(seed_, kb_size_, kb_index).qid;
}

std::optional<std::uint32_t> DataView::kb_index(std::uint64_t q) const {
  const auto per = per_category(kb_size_);
  auto it = std::upper_bound(kCategories.begin(), kCategories.end(), q,
                             [](std::uint64_t v, const KbCategory& c) { return v < c.qid_base; });
  if (it == kCategories.begin()) return std::nullopt;
  --it;
  const auto c = static_cast<std::uint64_t>(it - kCategories.begin());
  const std::uint64_t k = (q - it->qid_base) / 3;
  if (k >= per) return std::nullopt;
  const std::uint64_t j = c * per + k;
  if (j >= kb_size_ || qid(static_cast<std::uint32_t>(j)) != q) return std::nullopt;
  return static_cast<std::uint32_t>(j);
}

std::uint32_t DataView::kb_lower_bound(std::uint64_t q) const {
  std::uint32_t lo = 0, hi = kb_size_;
  while (lo < hi) {
    auto mid = lo + (hi - lo) / 2;
    if (qid(mid) < q) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

Vuln DataView::vuln(std::uint32_t index) const {
  using std::chrono::days;
  using std::chrono::seconds;
  const auto b = kb_basics(seed_, kb_size_, index);
  Draw d(mix(seed_, index, 0x56554c4e));
  Vuln v;
  v.qid = b.qid;
  v.severity_level = b.severity;
  v.category = std::string(kCategories[static_cast<size_t>(b.category)].name);
  switch (b.kind) {
    case VulnKind::kVulnerability:
      v.vuln_type = "Vulnerability";
      break;
    case VulnKind::kPotential:
      v.vuln_type = "Potential Vulnerability";
      break;
    case VulnKind::kInformation:
      v.vuln_type = "Information Gathered";
      break;
    case VulnKind::kEither:
      v.vuln_type = "Vulnerability or Potential Vulnerability";
      break;
  }
  const auto published = epoch_ - days(30 + d.below(3000)) - seconds(d.below(86400));
  v.published_datetime = published;
  const auto base_modified = published + seconds(d.below(86400 * 20));
  v.last_service_modification_datetime = std::min(base_modified, epoch_ - days(1));
  if (auto g = last_modification(seed_, index, generation_)) {
    auto t = epoch_ + generation_length_ * *g -
             seconds(1 + mix(seed_, index, static_cast<std::uint64_t>(*g)) %
                             std::max<std::int64_t>(1, generation_length_.count() / 2));
    v.last_service_modification_datetime = t;
  }

  if (b.kind == VulnKind::kInformation) {
    v.title = std::string(kInfoTitles[d.below(kInfoTitles.size())]);
    if (index % 7 == 3) v.title += fmt::format(" ({})", index);
    v.patchable = false;
    v.diagnosis =
        "The information in the RESULTS section was gathered during the scan. It "
        "doesn&apos;t indicate a vulnerability.";
    v.pci_flag = false;
    v.discovery = Discovery{true, {}, std::nullopt};
    return v;
  }

  const auto product = kProducts[d.below(kProducts.size())];
  const auto flaw = kFlaws[d.below(kFlaws.size())];
  const auto year = 2015 + static_cast<int>(d.below(10));
  const auto ncves = d.below(5);
  for (std::uint64_t i = 0; i < ncves; ++i) {
    auto id = fmt::format("CVE-{}-{}", year, 1000 + d.below(40000));
    v.cve_list.push_back({id, "http://cve.mitre.org/cgi-bin/cvename.cgi?name=" + id});
  }
  v.title = fmt::format("{} {} Vulnerability", product, flaw);
  if (!v.cve_list.empty()) v.title += " (" + v.cve_list.front().id + ")";
  v.patchable = d.chance(80);
  v.software_list.push_back({std::string(product), "vendor_" + std::to_string(d.below(40))});
  if (d.chance(60)) {
    auto ref = fmt::format("QSB-{}-{:04}", year, d.below(9999));
    v.vendor_reference_list.push_back({ref, "https://security.example.test/advisories/" + ref});
  }
  if (d.chance(15)) {
    auto id = std::to_string(10000 + d.below(90000));
    v.bugtraq_list.push_back({id, "http://www.securityfocus.com/bid/" + id});
  }
  v.diagnosis = fmt::format(
      "{} is prone to a {} vulnerability.<P>\nAffected versions: before {}.<BR>QID Detection "
      "Logic (Authenticated):<BR>The check matches the version retrieved using &quot;{} "
      "--version&quot;.",
      product, flaw, version_of(d), product);
  v.consequence =
      fmt::format("Successful exploitation could allow an attacker to cause {} on the target.<P>",
                  flaw == "Denial of Service" ? "a denial of service" : "arbitrary impact");
  v.solution = fmt::format(
      "<P>Customers are advised to upgrade to {} or later.<P>Patch:<BR>\nFollowing are links for "
      "downloading patches to fix the vulnerabilities:<P> <A "
      "HREF=\"https://security.example.test/{}\" TARGET=\"_blank\">{} advisory</A>",
      version_of(d), index, product);
  if (d.chance(10)) {
    v.compliance_list.push_back({"PCI", "6.2",
                                 "Ensure all system components are protected from "
                                 "known vulnerabilities."});
  }
  if (d.chance(25)) {
    Correlation c;
    ExploitSource src{"The Exploit-DB", {}};
    src.explt_list.push_back(
        {v.cve_list.empty() ? "QID-" + std::to_string(b.qid) : v.cve_list.front().id,
         fmt::format("{} - {}", product, flaw),
         "http://www.exploit-db.com/exploits/" + std::to_string(d.below(50000))});
    c.exploits.push_back(std::move(src));
    v.correlation = std::move(c);
  }
  Cvss v2;
  v2.base = fmt::format("{}.{}", 1 + d.below(9), d.below(10));
  v2.temporal = fmt::format("{}.{}", 1 + d.below(8), d.below(10));
  v2.vector_string = cvss2_vector(d, v2);
  v.cvss = std::move(v2);
  Cvss v3;
  v3.base = fmt::format("{}.{}", 1 + d.below(9), d.below(10));
  v3.temporal = fmt::format("{}.{}", 1 + d.below(8), d.below(10));
  v3.vector_string = cvss3_vector(d, v3);
  v.cvss_v3 = std::move(v3);
  v.pci_flag = b.severity >= 3;
  const auto nthreats = d.below(4);
  for (std::uint64_t i = 0; i < nthreats; ++i) {
    const auto& t = kThreats[d.below(kThreats.size())];
    if (std::none_of(v.threat_intelligence.begin(), v.threat_intelligence.end(),
                     [&](const ThreatIntel& x) { return x.id == t.first; })) {
      v.threat_intelligence.push_back({std::string(t.first), std::string(t.second)});
    }
  }
  std::sort(
      v.threat_intelligence.begin(), v.threat_intelligence.end(),
      [](const ThreatIntel& a, const ThreatIntel& x) { return std::stoi(a.id) < std::stoi(x.id); });
  Discovery disc;
  disc.remote = d.chance(60);
  if (d.chance(50)) disc.auth_type_list = {"Unix"};
  if (d.chance(30)) disc.auth_type_list.push_back("Windows");
  disc.additional_info =
      v.patchable.value_or(false)
          ? (v.correlation ? "Patch Available, Exploit Available" : "Patch Available")
          : std::string("Exploit Available");
  if (!v.patchable.value_or(false) && !v.correlation) disc.additional_info.reset();
  v.discovery = std::move(disc);
  return v;
}

}  // namespace qvm::sim
