// `qvm sync`: keeps a local SQLite mirror of hosts, detections and the KnowledgeBase in step
// with the subscription, incrementally, resuming an interrupted run where it stopped.
#include <unistd.h>

#include <cstdio>

#include "commands.hpp"
#include "connection_flags.hpp"
#include "host_flags.hpp"
#include "qvm/mirror.hpp"
#include "run_summary.hpp"

namespace qvm::cli {
namespace {

struct SyncFlags {
  ConnectionFlags connection;
  HostFlags hosts;
  std::string db;
  bool whole_kb = false;
  bool full = false;
  int page_size = 1000;
};

Status run_sync(const SyncFlags& f) {
  RunSummary summary;
  SyncOptions options;
  auto selection = host_selection(f.hosts);
  if (!selection) return std::unexpected(selection.error());
  options.db_path = f.db;
  options.hosts = *selection;
  options.whole_kb = f.whole_kb;
  options.full = f.full;
  options.hosts_per_page = f.page_size;
  auto connection = connect(f.connection);
  if (!connection) return std::unexpected(connection.error());
  bool tty = isatty(STDERR_FILENO);
  if (tty) {
    options.progress = [&summary](const SyncProgress& p) {
      std::fprintf(stderr, "\rqvm: sync %s: %s hosts, %s detections, %s KB entries, %.0f s ",
                   p.phase.c_str(), with_commas(p.hosts).c_str(), with_commas(p.detections).c_str(),
                   with_commas(p.vulns).c_str(), summary.elapsed_seconds());
    };
  }
  auto report = sync_mirror(*connection->client, options);
  if (tty) std::fprintf(stderr, "\r\033[K");
  if (!report) {
    Error e = report.error();
    if (e.kind != ErrorKind::kUsage && e.message.find("another qvm sync") == std::string::npos) {
      e.hint += std::string(e.hint.empty() ? "" : "; ") +
                "the database is consistent: run the same qvm sync again to resume from its "
                "checkpoint";
    }
    summary.print(*connection->client, "sync stopped");
    return std::unexpected(e);
  }
  std::string kind = report->incremental ? "incremental since " + format_timestamp(*report->since)
                                         : std::string("full");
  if (report->resumed) kind += ", resumed from checkpoint";
  std::fprintf(stderr,
               "qvm: sync complete (%s): %s hosts, %s detections, %s KB entries written; %s "
               "hosts removed; watermark %s\n",
               kind.c_str(), with_commas(report->hosts).c_str(),
               with_commas(report->detections).c_str(), with_commas(report->vulns).c_str(),
               with_commas(report->hosts_removed).c_str(),
               format_timestamp(report->watermark).c_str());
  summary.print(*connection->client, "synced " + f.db);
  return {};
}

}  // namespace

void add_sync_command(CLI::App& app, Action& action) {
  auto f = std::make_shared<SyncFlags>();
  CLI::App* cmd = app.add_subcommand(
      "sync", "Keep a local SQLite mirror of hosts, detections and the KnowledgeBase");
  cmd->footer(
      "Keep a local SQLite database (one file, WAL once the first sync completes) in step\n"
      "with the subscription.\n"
      "First run: host list (details=All), host list detection (every status, Fixed\n"
      "included, with RESULTS) and the KnowledgeBase of every QID detected (--kb: all of\n"
      "it). Later runs fetch only hosts processed since the last run's server DATETIME,\n"
      "and KB entries modified since. Each batch of hosts commits in one transaction with\n"
      "its checkpoint: an interrupted run (Ctrl-C, kill -9, network loss, limits) leaves\n"
      "a consistent database, and the next run resumes where it stopped. One sync per\n"
      "database at a time. Schema: README.md, section qvm sync.\n\n"
      "Examples:\n"
      "  qvm sync --demo --all --db qualys.db\n"
      "  qvm sync --platform US1 --ag-ids 1234 --db vm.db --kb\n"
      "  qvm vulns --db vm.db --all --severities 4-5 --format csv\n"
      "  qvm db stats --db vm.db");
  cmd->add_option("--db", f->db, "the SQLite database file (created if missing)")->required();
  add_host_flags(*cmd, f->hosts);
  cmd->add_flag("--kb", f->whole_kb, "mirror the whole KnowledgeBase, not only QIDs detected");
  cmd->add_flag("--full", f->full,
                "download everything again; hosts gone from Qualys (or outside a new selection) "
                "are removed");
  cmd->add_option("--page-size", f->page_size, "hosts per page (truncation_limit)")
      ->check(CLI::Range(1, 1000000));
  add_connection_flags(*cmd, f->connection);
  cmd->callback([&action, f] { action = [f] { return run_sync(*f); }; });
}

}  // namespace qvm::cli
