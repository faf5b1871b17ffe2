// The detection filters shared by detections and vulns: severities, QIDs, status, type, IGs,
// --since and --no-results.
#pragma once

#include <CLI/CLI.hpp>

#include "qvm/queries.hpp"

namespace qvm::cli {

struct DetectionFlags {
  std::string severities;
  std::string qids;
  std::string status;
  bool include_fixed = false;
  std::string type;
  bool show_igs = false;
  std::string since;
  bool no_results = false;
};

void add_detection_flags(CLI::App& command, DetectionFlags& flags);

// Fills the filter part of `query` (hosts are set by the caller); kUsage for a bad value.
Status apply_detection_flags(const DetectionFlags& flags, DetectionQuery& query);

}  // namespace qvm::cli
