// Every qvm command registers itself on the app; the action it sets runs after option parsing
// and returns its outcome, which main() turns into a message and an exit code.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "qvm/error.hpp"

namespace qvm::cli {

using Action = std::function<Status()>;

void add_parse_command(CLI::App& app, Action& action);
void add_vulns_command(CLI::App& app, Action& action);
void add_hosts_command(CLI::App& app, Action& action);
void add_detections_command(CLI::App& app, Action& action);
void add_kb_command(CLI::App& app, Action& action);
void add_scans_command(CLI::App& app, Action& action);
void add_assets_command(CLI::App& app, Action& action);
void add_limits_commands(CLI::App& app, Action& action);
void add_sync_command(CLI::App& app, Action& action);
void add_db_command(CLI::App& app, Action& action);

}  // namespace qvm::cli
