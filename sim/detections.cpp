// Detections of a generated host and their lifecycle over simulated time. Each host has up to 60
// detection slots; a slot appears at a scan round, may be fixed at a later one and may reopen
// after that, so New/Active/Fixed/Re-Opened and every date follow from (seed, host, slot, now).
#include <fmt/format.h>
#include <algorithm>
#include <array>

#include "generated.hpp"
#include "qvm_sim/dataset.hpp"
#include "seeded.hpp"

namespace qvm::sim {
namespace {

struct PortDef {
  int port;
  std::string_view protocol;
  bool ssl;
};
constexpr std::array<PortDef, 9> kPorts{{{22, "tcp", false},
                                         {80, "tcp", false},
                                         {443, "tcp", true},
                                         {445, "tcp", false},
                                         {3389, "tcp", true},
                                         {8443, "tcp", true},
                                         {25, "tcp", false},
                                         {53, "udp", false},
                                         {161, "udp", false}}};

// RESULTS as Qualys sends them: tabs, newlines, trailing spaces, non-ASCII text and HTML escapes
// that stay escaped inside CDATA.
std::string results_text(Draw& d, const std::string& host_name, int port) {
  switch (d.below(7)) {
    case 0:
      return fmt::format("Certificate #0 CN={} doesn&apos;t resolve", host_name);
    case 1:
      return "CIPHER\tKEY-EXCHANGE\tAUTHENTICATION\tMAC\tENCRYPTION(KEY-STRENGTH)\tGRADE\n"
             "TLSv1 WITH RC4 CIPHERs IS SUPPORTED\t \t \t \t \t \n"
             "RC4-SHA\tRSA\tRSA\tSHA1\tRC4(128)\tMEDIUM ";
    case 2:
      return fmt::format(
          "Package\tInstalled Version\tRequired Version\nopenssl\t1.1.1k-1\t"
          "1.1.1n-0+deb11u{}",
          1 + d.below(5));
    case 3:
      return fmt::format(
          "HTTP/1.1 200 OK\nServer: Apache/2.4.{} (Ubuntu)\n-&gt;&gt;HEADER&lt;&lt;-", d.below(60));
    case 4:
      return "Benutzer „Müller“ hat Zugriff – Größe: 5 µs\n日本語のテキスト";
    case 5:
      return fmt::format(
          "&quot;C:\\Program Files\\Java\\jre1.8.0_{}\\bin\\java.exe&quot; "
          "Version is 8.0.{}.8",
          200 + d.below(200), 2000 + d.below(600));
    default:
      return fmt::format("tcp/{} open\t\nBanner: SSH-2.0-OpenSSH_7.{}p1  ", port == 0 ? 22 : port,
                         d.below(10));
  }
}

}  // namespace

std::vector<Detection> DataView::detections(std::uint64_t index) const {
  using std::chrono::seconds;
  std::vector<Detection> out;
  Draw hd(mix(index, 0xde7));
  if (hd.chance(10)) return out;  // hosts with no detections at all
  const auto slots = 1 + hd.below(std::min<std::uint64_t>(60, kb_size_));
  const auto bucket = kb_size_ / slots;
  const auto birth = host_birth_generation(index);
  const auto last = last_scan_generation(index, generation_);
  const auto host_name = fmt::format("host-{}", host_id(index));
  const auto processed = [&](std::int64_t g) {
    return std::min(scan_time(index, g) + seconds(600), epoch_ + generation_length_ * g);
  };
  for (std::uint64_t s = 0; s < slots; ++s) {
    Draw d(mix(index, s, 0x5107));
    const auto kb = static_cast<std::uint32_t>(s * bucket + d.below(bucket));
    const auto basics = kb_basics(seed_, kb_size_, kb);
    // Lifecycle in scan rounds: appear (A), fixed (F), reopened (R).
    std::int64_t appear =
        d.chance(75) ? birth + static_cast<std::int64_t>(d.below(
                                   static_cast<std::uint64_t>(std::max<std::int64_t>(1, -birth))))
                     : 1 + static_cast<std::int64_t>(d.below(45));
    appear = std::max(appear, birth);
    const auto a = next_scan_generation(index, appear);
    std::optional<std::int64_t> f, r;
    if (basics.kind != VulnKind::kInformation && d.chance(25)) {
      f = next_scan_generation(index, a + 1 + static_cast<std::int64_t>(d.below(30)));
      if (d.chance(30))
        r = next_scan_generation(index, *f + 1 + static_cast<std::int64_t>(d.below(30)));
    }
    if (last < a) continue;

    Detection det;
    det.unique_vuln_id = host_id(index) * 64 + s;
    det.qid = basics.qid;
    switch (basics.kind) {
      case VulnKind::kInformation:
        det.type = "Info";
        break;
      case VulnKind::kPotential:
        det.type = "Potential";
        break;
      case VulnKind::kVulnerability:
        det.type = "Confirmed";
        break;
      case VulnKind::kEither:
        det.type = d.chance(50) ? "Confirmed" : "Potential";
        break;
    }
    det.severity = basics.severity;
    int port = 0;
    if (basics.kind != VulnKind::kInformation && d.chance(60)) {
      const auto& p = kPorts[d.below(kPorts.size())];
      port = p.port;
      det.port = p.port;
      det.protocol = std::string(p.protocol);
      det.ssl = p.ssl;
    }
    det.results = results_text(d, host_name, port);

    const bool reopened = r && last >= *r;
    const bool fixed = !reopened && f && last >= *f;
    det.status = reopened ? "Re-Opened" : fixed ? "Fixed" : last == a ? "New" : "Active";
    det.first_found_datetime = scan_time(index, a);
    det.last_found_datetime =
        fixed ? scan_time(index, last_scan_generation(index, *f - 1)) : scan_time(index, last);
    const auto span = (*det.last_found_datetime - *det.first_found_datetime) / generation_length_;
    det.times_found = 1 + static_cast<int>(span * 36 / 100);
    det.last_test_datetime = scan_time(index, last);
    auto updated = a;
    if (f && last >= *f) {
      det.last_fixed_datetime = scan_time(index, *f);
      updated = *f;
    }
    if (reopened) {
      det.first_reopened_datetime = scan_time(index, *r);
      det.last_reopened_datetime = det.first_reopened_datetime;
      det.times_reopened = 1;
      updated = *r;
    }
    det.last_update_datetime = processed(updated);
    det.is_ignored = false;
    det.is_disabled = false;
    det.last_processed_datetime = processed(last);
    out.push_back(std::move(det));
  }
  return out;
}

}  // namespace qvm::sim
