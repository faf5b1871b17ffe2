// Detection filter flags → DetectionQuery.
#include "detection_flags.hpp"

namespace qvm::cli {

void add_detection_flags(CLI::App& command, DetectionFlags& flags) {
  command.add_option("--severities", flags.severities, "severities 1-5, e.g. 4,5 or 3-5")
      ->group("Filters");
  command.add_option("--qids", flags.qids, "QIDs and ranges, e.g. 38170,11000-11999")
      ->group("Filters");
  command
      .add_option("--status", flags.status,
                  "New,Active,Fixed,Re-Opened (default as Qualys: New,Active,Re-Opened)")
      ->group("Filters");
  command.add_flag("--include-fixed", flags.include_fixed, "also Fixed detections")
      ->group("Filters");
  command.add_option("--type", flags.type, "confirmed or potential (default: both)")
      ->check(CLI::IsMember({"confirmed", "potential"}))
      ->group("Filters");
  command.add_flag("--show-igs", flags.show_igs, "include information-gathered QIDs")
      ->group("Filters");
  command
      .add_option("--since", flags.since,
                  "only detections updated since DATE (YYYY-MM-DD[THH:MM:SSZ], UTC)")
      ->group("Filters");
  command.add_flag("--no-results", flags.no_results, "leave out the RESULTS text")
      ->group("Filters");
}

Status apply_detection_flags(const DetectionFlags& flags, DetectionQuery& query) {
  if (!flags.severities.empty()) {
    auto ranges = parse_id_ranges(flags.severities, "severity");
    if (!ranges) return std::unexpected(ranges.error());
    for (const auto& r : *ranges) {
      if (r.first < 1 || r.last > 5) {
        return make_error(ErrorKind::kUsage,
                          "invalid severity '" + flags.severities + "': severities are 1 to 5");
      }
      for (auto s = r.first; s <= r.last; ++s)
        query.severities.push_back(static_cast<int>(s));
    }
  }
  if (!flags.qids.empty()) {
    auto qids = parse_id_ranges(flags.qids, "QID");
    if (!qids) return std::unexpected(qids.error());
    query.qids = *qids;
  }
  if (!flags.status.empty()) {
    size_t start = 0;
    while (start <= flags.status.size()) {
      size_t comma = flags.status.find(',', start);
      std::string s = flags.status.substr(start, comma - start);
      if (s != "New" && s != "Active" && s != "Fixed" && s != "Re-Opened") {
        return make_error(ErrorKind::kUsage, "invalid status '" + s + "'",
                          "statuses are New, Active, Fixed and Re-Opened");
      }
      query.status.push_back(s);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (flags.include_fixed) {
    if (query.status.empty()) query.status = {"New", "Active", "Re-Opened"};
    if (std::find(query.status.begin(), query.status.end(), "Fixed") == query.status.end()) {
      query.status.push_back("Fixed");
    }
  }
  if (!flags.type.empty()) query.include_vuln_type = flags.type;
  query.show_igs = flags.show_igs;
  if (!flags.since.empty()) {
    auto since = parse_date_option(flags.since, "--since");
    if (!since) return std::unexpected(since.error());
    query.detection_updated_since = *since;
  }
  query.show_results = !flags.no_results;
  return {};
}

}  // namespace qvm::cli
