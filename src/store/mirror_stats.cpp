// `mirror_stats`: what a mirror holds and how fresh it is, read in one read transaction.
#include "qvm/mirror.hpp"
#include "store/mirror_schema.hpp"

namespace qvm {

Result<MirrorStats> mirror_stats(const std::string& db_path) {
  auto db = store::open_mirror_read_only(db_path);
  if (!db) return std::unexpected(db.error());
  if (auto s = db->exec("BEGIN"); !s) return std::unexpected(s.error());
  MirrorStats stats;
  stats.schema_version = kMirrorSchemaVersion;
  // Each query yields (key, count) rows.
  auto each = [&](const char* sql, auto&& on_row) -> Status {
    auto s = store::Statement::prepare(*db, sql);
    if (!s) return std::unexpected(s.error());
    while (true) {
      auto row = s->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      on_row(*s);
    }
  };
  auto count = [&](const char* sql, std::uint64_t& out) {
    return each(sql, [&](store::Statement& s) { out = s.uint64(0); });
  };
  Status status = count("SELECT count(*) FROM hosts", stats.hosts);
  if (status) status = count("SELECT count(*) FROM detections", stats.detections);
  if (status) status = count("SELECT count(*) FROM kb_vulns", stats.kb_vulns);
  if (status) status = count("SELECT count(*) FROM sync_runs", stats.runs);
  if (status) {
    status =
        each("SELECT COALESCE(status, ''), count(*) FROM detections GROUP BY 1",
             [&](store::Statement& s) { stats.detections_by_status[s.text(0)] = s.uint64(1); });
  }
  if (status) {
    status = each(
        "SELECT COALESCE(severity, 0), count(*) FROM detections "
        "WHERE status IN ('New', 'Active', 'Re-Opened') GROUP BY 1",
        [&](store::Statement& s) {
          stats.open_by_severity[static_cast<int>(s.int64(0))] = s.uint64(1);
        });
  }
  if (status) {
    status = each(
        "SELECT ended, watermark FROM sync_runs WHERE outcome = 'complete' "
        "ORDER BY id DESC LIMIT 1",
        [&](store::Statement& s) {
          stats.last_sync_end = s.opt_time(0);
          stats.watermark = s.opt_time(1);
        });
  }
  if (status) {
    std::uint64_t checkpoints = 0;
    status = count("SELECT count(*) FROM sync_checkpoint", checkpoints);
    stats.interrupted_run = checkpoints > 0;
  }
  if (!status) return std::unexpected(status.error());
  return stats;
}

}  // namespace qvm
