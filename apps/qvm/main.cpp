// qvm's entry point: builds the command line, runs the chosen command, and is the one place
// that turns an error into a message and an exit code.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "interrupt.hpp"

namespace {

int report(const qvm::Error& error, const std::string& command) {
  std::fprintf(stderr, "qvm: error: %s\n", error.message.c_str());
  if (!error.hint.empty()) std::fprintf(stderr, "hint: %s\n", error.hint.c_str());
  if (error.kind == qvm::ErrorKind::kUsage) {
    std::fprintf(stderr, "try 'qvm%s%s --help'\n", command.empty() ? "" : " ", command.c_str());
  }
  return qvm::cli::exit_code_for(error.kind);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "qvm: Qualys vulnerability data — hosts, detections and KnowledgeBase — as tables, "
      "CSV, JSON and databases, within the API's limits.",
      "qvm"};
  app.footer(qvm::cli::kExitCodeHelp);
  app.require_subcommand(1);
  app.set_version_flag("--version", "qvm 0.1.0");

  qvm::cli::Action action;
  qvm::cli::add_vulns_command(app, action);
  qvm::cli::add_hosts_command(app, action);
  qvm::cli::add_detections_command(app, action);
  qvm::cli::add_kb_command(app, action);
  qvm::cli::add_scans_command(app, action);
  qvm::cli::add_assets_command(app, action);
  qvm::cli::add_limits_commands(app, action);
  qvm::cli::add_parse_command(app, action);
  qvm::cli::add_sync_command(app, action);
  qvm::cli::add_db_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0: CLI11 prints them for the right command.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::string command;
    for (const auto* sub : app.get_subcommands())
      command = sub->get_name();
    return report(qvm::Error(qvm::ErrorKind::kUsage, e.what()), command);
  }

  qvm::cli::install_interrupt_handler();
  std::string command = app.get_subcommands().empty() ? "" : app.get_subcommands()[0]->get_name();
  auto status = action();
  if (!status) return report(status.error(), command);
  return qvm::cli::kExitSuccess;
}
