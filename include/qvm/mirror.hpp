// The local mirror: a SQLite database kept in step with the subscription by `sync_mirror`
// (hosts, detections, KnowledgeBase; incremental, resumable, crash-safe) and read offline by
// `read_mirror_vulns`, `mirror_stats` and `mirror_sql`. The schema is documented in README.md.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "qvm/client.hpp"
#include "qvm/queries.hpp"
#include "qvm/writers.hpp"

namespace qvm {

// PRAGMA user_version of a database this library writes; older versions are migrated on open.
inline constexpr int kMirrorSchemaVersion = 3;

struct SyncProgress {
  std::string phase;  // hosts | detections | kb
  std::uint64_t hosts = 0;
  std::uint64_t detections = 0;
  std::uint64_t vulns = 0;
};

struct SyncOptions {
  std::string db_path;
  HostSelection hosts;    // what the database mirrors; a later run must ask for the same
  bool whole_kb = false;  // the whole KnowledgeBase, not only the QIDs detected
  bool full = false;      // download everything again (hosts gone from Qualys are removed)
  int hosts_per_page = 1000;
  std::size_t hosts_per_transaction = 1000;
  // Called every 1,000 hosts, from the thread that writes the database (not the caller's):
  // never from two threads at once.
  std::function<void(const SyncProgress&)> progress;
};

struct SyncReport {
  bool incremental = false;
  bool resumed = false;            // continued an interrupted run from its checkpoint
  std::optional<Timestamp> since;  // the previous watermark (incremental runs)
  Timestamp watermark{};           // the server DATETIME this run's data is complete up to
  std::uint64_t hosts = 0;         // hosts written (this process)
  std::uint64_t detections = 0;    // detections written (this process)
  std::uint64_t hosts_removed = 0;
  std::uint64_t vulns = 0;  // KB entries written
};

// Brings the database at options.db_path up to date. Only one sync may run on a file at a time:
// a second one fails at once (kIo) naming the lock. An error leaves the database consistent,
// its checkpoint recording where the next run resumes.
Result<SyncReport> sync_mirror(Client& client, const SyncOptions& options);

// Each detection the query selects, in host then Qualys order, with its host and its KB entry
// (null when the mirror has none). Host selectors and detection filters mean what they mean
// online; `ag_titles` is a usage error (the mirror has no asset group titles).
using MirrorVulnCallback =
    std::function<Status(const Host& host, const Detection& detection, const Vuln* kb)>;
Status read_mirror_vulns(const std::string& db_path, const DetectionQuery& query,
                         const MirrorVulnCallback& callback);

struct MirrorStats {
  std::uint64_t hosts = 0, detections = 0, kb_vulns = 0;
  std::map<std::string, std::uint64_t> detections_by_status;
  std::map<int, std::uint64_t> open_by_severity;  // New, Active, Re-Opened
  std::optional<Timestamp> last_sync_end;         // local clock
  std::optional<Timestamp> watermark;             // server clock
  std::uint64_t runs = 0;
  bool interrupted_run = false;  // a checkpoint is waiting for the next sync
  int schema_version = 0;
};
Result<MirrorStats> mirror_stats(const std::string& db_path);

// Runs one read-only statement (the database is opened read-only) and writes its rows.
Status mirror_sql(const std::string& db_path, const std::string& sql, RowWriter& writer);

}  // namespace qvm
