// The host selectors shared by hosts, detections, vulns and sync: --ips (IPs, ranges, CIDR),
// --ipv6, --ids, --ag-ids, --ag-titles, --tags or --all; `@FILE` reads a list, one per line.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "qvm/queries.hpp"

namespace qvm::cli {

struct HostFlags {
  std::string ips, ipv6, ids, ag_ids, ag_titles, tags;
  bool all = false;
};

void add_host_flags(CLI::App& command, HostFlags& flags);

// Validates every value (kUsage naming the bad one). Without any selector and without --all it
// is a usage error: a whole subscription is never fetched by accident.
Result<HostSelection> host_selection(const HostFlags& flags);

// `@FILE` → the file's non-empty lines joined by commas; anything else as is.
Result<std::string> expand_at_file(const std::string& value, const std::string& option);

}  // namespace qvm::cli
