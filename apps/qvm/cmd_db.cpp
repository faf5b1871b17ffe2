// `qvm db stats` and `qvm db sql`: offline looks into a mirror written by `qvm sync`.
#include <chrono>
#include <cstdio>

#include "commands.hpp"
#include "output_target.hpp"
#include "qvm/mirror.hpp"
#include "qvm/record_rows.hpp"

namespace qvm::cli {
namespace {

struct DbFlags {
  std::string db;
  std::string sql;
  OutputOptions output;
};

WriterOptions writer_options() {
  WriterOptions w;
  w.table_width = terminal_width();
  return w;
}

Status run_stats(const DbFlags& f) {
  auto stats = mirror_stats(f.db);
  if (!stats) return std::unexpected(stats.error());
  auto target = OutputTarget::open(f.output, writer_options());
  if (!target) return std::unexpected(target.error());
  RowWriter& w = (*target)->writer();
  const std::string columns[] = {"metric", "value"};
  if (auto s = w.begin(columns); !s) return s;
  auto put = [&](const std::string& metric, FieldValue value) {
    FieldValue row[] = {metric, std::move(value)};
    return w.row(row);
  };
  std::vector<std::pair<std::string, FieldValue>> rows = {
      {"hosts", stats->hosts}, {"detections", stats->detections}, {"kb_vulns", stats->kb_vulns}};
  for (const auto& [status, n] : stats->detections_by_status)
    rows.emplace_back("detections_" + status, n);
  for (int sev = 5; sev >= 0; --sev) {
    auto it = stats->open_by_severity.find(sev);
    if (it != stats->open_by_severity.end())
      rows.emplace_back("open_severity_" + std::to_string(sev), it->second);
  }
  rows.emplace_back("last_sync_end", to_field(stats->last_sync_end));
  rows.emplace_back("watermark", to_field(stats->watermark));
  if (stats->last_sync_end) {
    auto now = std::chrono::system_clock::now();
    auto age = std::chrono::duration_cast<std::chrono::seconds>(now - *stats->last_sync_end);
    rows.emplace_back("age_seconds", static_cast<std::int64_t>(age.count()));
  }
  rows.emplace_back("sync_runs", stats->runs);
  rows.emplace_back("interrupted_run_pending", stats->interrupted_run);
  rows.emplace_back("schema_version", static_cast<std::int64_t>(stats->schema_version));
  for (auto& [metric, value] : rows) {
    if (auto s = put(metric, std::move(value)); !s) return s;
  }
  return (*target)->commit();
}

Status run_sql(const DbFlags& f) {
  auto target = OutputTarget::open(f.output, writer_options());
  if (!target) return std::unexpected(target.error());
  if (auto s = mirror_sql(f.db, f.sql, (*target)->writer()); !s) return s;
  return (*target)->commit();
}

}  // namespace

void add_db_command(CLI::App& app, Action& action) {
  auto f = std::make_shared<DbFlags>();
  CLI::App* db = app.add_subcommand("db", "Look into a database written by qvm sync (offline)");
  db->require_subcommand(1);
  CLI::App* stats = db->add_subcommand(
      "stats", "Counts, detections by status and open ones by severity, last sync and its age");
  stats->add_option("--db", f->db, "the database written by qvm sync")->required();
  add_output_options(*stats, f->output);
  stats->callback([&action, f] { action = [f] { return run_stats(*f); }; });

  CLI::App* sql = db->add_subcommand("sql", "Run one read-only SQL statement");
  sql->add_option("--db", f->db, "the database written by qvm sync")->required();
  sql->add_option("statement", f->sql, "e.g. \"SELECT qid, title FROM vulns LIMIT 5\"")->required();
  add_output_options(*sql, f->output);
  sql->footer(
      "Tables: hosts, host_tags, asset_groups, detections, kb_vulns, kb_cves, kb_bugtraq,\n"
      "kb_vendor_refs, kb_threat_intel, kb_software, kb_pci_reasons, sync_runs,\n"
      "sync_checkpoint; view vulns (detection + host + KB). See README.md, qvm sync.");
  sql->callback([&action, f] { action = [f] { return run_sql(*f); }; });
}

}  // namespace qvm::cli
