// Generated VM scans: one or two a day for the 90 days before the simulated now, newest first,
// with the states, priorities and targets seen in recorded scan lists.
#include <fmt/format.h>
#include <algorithm>
#include <array>

#include "qvm_sim/dataset.hpp"
#include "seeded.hpp"

namespace qvm::sim {

std::vector<Scan> DataView::scans() const {
  using std::chrono::days;
  using std::chrono::seconds;
  static constexpr std::array<std::string_view, 4> kTitles{"Weekly internal", "DMZ full scan",
                                                           "shellshock 20171207", "PCI quarterly"};
  static constexpr std::array<std::string_view, 5> kStates{"Finished", "Finished", "Finished",
                                                           "Error", "Canceled"};
  std::vector<Scan> out;
  const auto today = std::chrono::floor<days>(now_);
  for (int day = 0; day < 90; ++day) {
    const auto date = today - days(day);
    const auto day_number = static_cast<std::uint64_t>(date.time_since_epoch().count());
    Draw d(mix(day_number, 0x5ca4));
    const auto count = 1 + d.below(2);
    for (std::uint64_t k = 0; k < count; ++k) {
      const auto launch = Timestamp(date) + seconds(3600 * (8 + 6 * k) + d.below(3000));
      if (launch > now_) continue;
      Scan s;
      const auto epoch_seconds = launch.time_since_epoch().count();
      s.ref = fmt::format("scan/{}.{}", epoch_seconds, 10000 + d.below(90000));
      s.type = d.chance(70) ? "Scheduled" : d.chance(50) ? "On-Demand" : "API";
      s.title = std::string(kTitles[d.below(kTitles.size())]);
      s.user_login = "demo";
      s.launch_datetime = launch;
      const auto secs = 60 + d.below(7200);
      s.duration = fmt::format("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
      s.processing_priority = d.chance(80) ? "0 - No Priority" : "1 - Emergency";
      s.processed = true;
      s.status_state = std::string(kStates[d.below(kStates.size())]);
      s.target = fmt::format("10.0.{}.1-10.0.{}.254", d.below(200), d.below(200));
      out.push_back(std::move(s));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Scan& a, const Scan& b) { return a.launch_datetime > b.launch_datetime; });
  return out;
}

}  // namespace qvm::sim
