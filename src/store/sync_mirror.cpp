// `sync_mirror`: the run of a sync, as phases — hosts (host list), detections (host list
// detection, each host's detections replaced as a unit), kb — each committed in batches of
// hosts or vulns together with the checkpoint that says where a later run resumes. The
// watermark is the server DATETIME of the run's first page and becomes the next run's `since`
// only in the transaction that marks the run complete.
#include <algorithm>
#include <chrono>
#include <set>
#include <variant>

#include "api/query_params.hpp"
#include "core/handoff.hpp"
#include "qvm/mirror.hpp"
#include "store/bulk_load.hpp"
#include "store/mirror_schema.hpp"
#include "store/mirror_writer.hpp"
#include "store/sync_lock.hpp"

namespace qvm::store {
namespace {

Timestamp local_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

// What the database mirrors, canonically: the host selection as Qualys parameters.
std::string selection_key(const HostSelection& hosts) {
  net::FormParams params;
  api::add_host_selection(hosts, params);
  std::string key;
  for (const auto& [name, value] : params)
    key += name + "=" + value + "&";
  return key;
}

struct Checkpoint {
  std::int64_t run_id = 0;
  std::string mode;  // full | incremental
  std::string selection;
  bool whole_kb = false;
  std::optional<Timestamp> since, watermark;
  std::string phase;  // hosts | detections | kb | done
  std::uint64_t last_id = 0;
};

Result<std::optional<Checkpoint>> load_checkpoint(const Connection& db) {
  auto s = Statement::prepare(db,
                              "SELECT run_id, mode, selection, whole_kb, since, watermark, phase, "
                              "last_id FROM sync_checkpoint");
  if (!s) return std::unexpected(s.error());
  auto row = s->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Checkpoint>();
  Checkpoint c;
  c.run_id = s->int64(0);
  c.mode = s->text(1);
  c.selection = s->text(2);
  c.whole_kb = s->int64(3) != 0;
  c.since = s->opt_time(4);
  c.watermark = s->opt_time(5);
  c.phase = s->text(6);
  c.last_id = s->uint64(7);
  return std::optional<Checkpoint>(c);
}

Result<std::optional<std::string>> setting(const Connection& db, const char* key) {
  auto s = Statement::prepare(db, "SELECT value FROM settings WHERE key = ?");
  if (!s) return std::unexpected(s.error());
  s->bind(1, key);
  auto row = s->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(s->text(0));
}

Result<std::optional<Timestamp>> last_watermark(const Connection& db) {
  auto s = Statement::prepare(
      db, "SELECT watermark FROM sync_runs WHERE outcome = 'complete' ORDER BY id DESC LIMIT 1");
  if (!s) return std::unexpected(s.error());
  auto row = s->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Timestamp>();
  return s->opt_time(0);
}

// A host's detections as one unit of the detections phase.
struct HostDetections {
  Host host;
  std::vector<Detection> detections;
};

// Records per handover and handovers queued: a few hundred hosts in flight, a few MB.
constexpr std::size_t kRecordsPerHandover = 32;
constexpr std::size_t kHandoversQueued = 8;

class SyncRun {
 public:
  SyncRun(Connection& db, MirrorWriter writer, Client& client, const SyncOptions& options)
      : db_(db), writer_(std::move(writer)), client_(client), options_(options) {}

  Result<SyncReport> run() {
    if (auto s = start(); !s) return std::unexpected(s.error());
    if (auto s = begin(); !s) return std::unexpected(s.error());
    Status status;
    if (cp_.phase == "hosts") status = hosts_phase();
    if (status && cp_.phase == "detections") status = detections_phase();
    if (status && cp_.phase == "kb") status = kb_phase();
    if (status) status = finish();
    if (!status) {
      // After an API failure the open batch holds whole records only: keep it with its
      // checkpoint. A database failure may have stopped mid-record: drop the batch.
      if (status.error().kind != ErrorKind::kIo) (void)commit();
      record_failure(status.error());
      return std::unexpected(status.error());
    }
    return report_;
  }

 private:
  Status start() {
    auto existing = load_checkpoint(db_);
    if (!existing) return std::unexpected(existing.error());
    auto previous = last_watermark(db_);
    if (!previous) return std::unexpected(previous.error());
    auto mirrored = setting(db_, "selection");
    if (!mirrored) return std::unexpected(mirrored.error());
    auto needs_full = setting(db_, "needs_full");
    if (!needs_full) return std::unexpected(needs_full.error());
    std::string key = selection_key(options_.hosts);
    // A mirror no sync has completed is being loaded from empty (see bulk_load.hpp).
    bulk_load_ = !*previous;
    if (bulk_load_) {
      if (auto s = enter_bulk_load(db_); !s) return s;
    }

    if (*existing && (*existing)->selection == key && (*existing)->whole_kb == options_.whole_kb &&
        !(options_.full && (*existing)->mode != "full")) {
      cp_ = **existing;
      report_.resumed = true;
      auto fresh = setting(db_, "fresh_load");
      if (!fresh) return std::unexpected(fresh.error());
      fresh_load_ = *fresh == std::to_string(cp_.run_id);
    } else {
      bool full = options_.full || !*previous || needs_full->has_value();
      if (!full && *mirrored && **mirrored != key) {
        return make_error(ErrorKind::kUsage,
                          db_.path() + " mirrors another host selection (" + **mirrored + ")",
                          "give the same host selectors as before, or --full to mirror the new "
                          "selection (hosts outside it are then removed)");
      }
      if (auto s = db_.exec("BEGIN IMMEDIATE"); !s) return s;
      if (*existing) {
        auto abandon = Statement::prepare(
            db_, "UPDATE sync_runs SET outcome = 'abandoned', ended = ? WHERE id = ?");
        if (!abandon) return std::unexpected(abandon.error());
        abandon->bind(1, local_now());
        abandon->bind(2, (*existing)->run_id);
        if (auto s = abandon->run(); !s) return s;
      }
      auto insert = Statement::prepare(
          db_, "INSERT INTO sync_runs (started, mode, since, outcome) VALUES (?, ?, ?, 'running')");
      if (!insert) return std::unexpected(insert.error());
      cp_.mode = full ? "full" : "incremental";
      if (!full) cp_.since = *previous;
      insert->bind(1, local_now());
      insert->bind(2, cp_.mode);
      insert->bind(3, cp_.since);
      if (auto s = insert->run(); !s) return s;
      cp_.run_id = sqlite3_last_insert_rowid(db_.get());
      cp_.selection = key;
      cp_.whole_kb = options_.whole_kb;
      cp_.phase = "hosts";
      cp_.last_id = 0;
      if (auto s = db_.exec("DELETE FROM sync_pending"); !s) return s;
      // A first sync loads millions of detections: building their QID index once at the end of
      // the detections phase is cheaper than maintaining it on every insert. Until then queries
      // still work, only slower; the run that completes the phase (this one, or the one
      // resuming it) builds it.
      if (!*previous) {
        if (auto s = db_.exec("DROP INDEX IF EXISTS detections_qid"); !s) return s;
      }
      if (auto s = mark_fresh_load(!*previous); !s) return s;
      if (auto s = save_checkpoint(); !s) return s;
      if (auto s = db_.exec("COMMIT"); !s) return s;
    }
    writer_.set_fresh_load(fresh_load_);
    report_.incremental = cp_.mode == "incremental";
    report_.since = cp_.since;
    return {};
  }

  // A run that starts on an empty mirror writes every host's rows exactly once (the delivery
  // tracker never hands a host over twice, and a resumed run asks only for hosts after the last
  // one committed): the per-host DELETEs before writing, and the sync_pending bookkeeping of
  // hosts whose detections must be cleared, are then pure cost (5 of ~10 statements per host).
  // Recorded in settings so that a run resuming this one knows.
  Status mark_fresh_load(bool first_sync) {
    if (auto s = db_.exec("DELETE FROM settings WHERE key = 'fresh_load'"); !s) return s;
    fresh_load_ = false;
    if (!first_sync) return {};
    auto empty = Statement::prepare(
        db_,
        "SELECT NOT EXISTS (SELECT 1 FROM hosts) AND NOT EXISTS (SELECT 1 FROM detections) AND "
        "NOT EXISTS (SELECT 1 FROM host_tags) AND NOT EXISTS (SELECT 1 FROM asset_groups)");
    if (!empty) return std::unexpected(empty.error());
    auto row = empty->step();
    if (!row) return std::unexpected(row.error());
    if (empty->int64(0) == 0) return {};
    auto mark =
        Statement::prepare(db_, "INSERT INTO settings (key, value) VALUES ('fresh_load', ?)");
    if (!mark) return std::unexpected(mark.error());
    mark->bind(1, std::to_string(cp_.run_id));
    if (auto s = mark->run(); !s) return s;
    fresh_load_ = true;
    return {};
  }

  Status begin() {
    if (auto s = db_.exec("BEGIN IMMEDIATE"); !s) return s;
    in_transaction_ = true;
    batch_ = 0;
    return {};
  }

  Status commit() {
    if (!in_transaction_) return {};
    if (auto s = save_checkpoint(); !s) return s;
    if (auto s = db_.exec("COMMIT"); !s) return s;
    in_transaction_ = false;
    return {};
  }

  // After each whole host or vuln: commit the batch once it is full and the run's watermark is
  // known (until the first page has ended, the batch simply grows).
  Status written(std::uint64_t id) {
    cp_.last_id = id;
    if (++batch_ < options_.hosts_per_transaction || !cp_.watermark) return {};
    if (auto s = commit(); !s) return s;
    return begin();
  }

  void page_datetime(Timestamp t) {
    if (!cp_.watermark) cp_.watermark = t;
  }

  Status save_checkpoint() {
    auto s = Statement::prepare(
        db_,
        "INSERT OR REPLACE INTO sync_checkpoint (one, run_id, mode, selection, whole_kb, since, "
        "watermark, phase, last_id) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s) return std::unexpected(s.error());
    s->bind(1, cp_.run_id);
    s->bind(2, cp_.mode);
    s->bind(3, cp_.selection);
    s->bind(4, cp_.whole_kb);
    s->bind(5, cp_.since);
    s->bind(6, cp_.watermark);
    s->bind(7, cp_.phase);
    s->bind(8, cp_.last_id);
    return s->run();
  }

  // Resumes after the last host committed by an earlier attempt of this run.
  HostSelection resumed_selection() const {
    HostSelection hosts = options_.hosts;
    if (cp_.last_id) hosts.id_min = std::max(hosts.id_min.value_or(0), cp_.last_id + 1);
    if (cp_.mode == "incremental") hosts.vm_processed_after = cp_.since;
    return hosts;
  }

  void progress() {
    if (options_.progress) options_.progress(progress_);
  }

  // Runs `fetch` (the download, parsing on this thread) while `write` stores each record on a
  // database thread, so that parsing and SQLite overlap on two cores. The page DATETIMEs travel
  // in the same queue, so the watermark is known to the writer in download order. Whatever the
  // download's outcome, every record it handed over is written before this returns (an
  // interrupted run keeps them with its checkpoint); a database failure comes first.
  template <class Record, class Write, class Fetch>
  Status write_behind(Write write, Fetch fetch) {
    using Item = std::variant<Timestamp, Record>;
    core::Handoff<Item> handoff(
        [&](Item& item) -> Status {
          if (auto* t = std::get_if<Timestamp>(&item)) {
            page_datetime(*t);
            return {};
          }
          return write(std::get<Record>(item));
        },
        kRecordsPerHandover, kHandoversQueued);
    Status fetched = fetch(handoff);
    if (auto s = handoff.close(); !s) return s;
    return fetched;
  }

  Status next_phase(const char* phase) {
    cp_.phase = phase;
    cp_.last_id = 0;
    if (auto s = commit(); !s) return s;
    return begin();
  }

  Status hosts_phase() {
    progress_.phase = "hosts";
    HostListQuery query;
    query.hosts = resumed_selection();
    query.details = "All/AGs";
    query.show_asset_id = true;
    query.show_tags = true;
    query.truncation_limit = options_.hosts_per_page;
    auto pending = Statement::prepare(db_, "INSERT OR IGNORE INTO sync_pending VALUES (?)");
    if (!pending) return std::unexpected(pending.error());
    auto write = [&](const Host& host) -> Status {
      if (auto s = writer_.upsert_host(host, cp_.run_id); !s) return s;
      if (!fresh_load_) {
        pending->bind(1, host.id);
        if (auto s = pending->run(); !s) return s;
      }
      ++report_.hosts;
      ++progress_.hosts;
      if (progress_.hosts % 1000 == 0) progress();
      return written(host.id);
    };
    auto fetched = write_behind<Host>(write, [&](auto& handoff) {
      HostListCallbacks callbacks;
      callbacks.host = [&](const Host& host) { return handoff.push(host); };
      callbacks.page_datetime = [&](Timestamp t) { (void)handoff.push(t); };
      return client_.hosts(query, callbacks);
    });
    if (!fetched) return fetched;
    return next_phase("detections");
  }

  Status detections_phase() {
    progress_.phase = "detections";
    DetectionQuery query;
    query.hosts = resumed_selection();
    query.status = {"New", "Active", "Fixed", "Re-Opened"};
    query.show_igs = true;
    query.show_qds = true;
    query.show_results = true;
    query.truncation_limit = options_.hosts_per_page;
    auto done = Statement::prepare(db_, "DELETE FROM sync_pending WHERE host_id = ?");
    if (!done) return std::unexpected(done.error());
    auto write = [&](HostDetections& item) -> Status {
      if (auto s = writer_.replace_detections(item.host, item.detections, cp_.run_id); !s) {
        return s;
      }
      if (!fresh_load_) {
        done->bind(1, item.host.id);
        if (auto s = done->run(); !s) return s;
      }
      report_.detections += item.detections.size();
      progress_.detections += item.detections.size();
      if (++progress_.hosts % 1000 == 0) progress();
      return written(item.host.id);
    };
    progress_.hosts = 0;
    auto fetched = write_behind<HostDetections>(write, [&](auto& handoff) {
      std::vector<Detection> buffered;  // the current host's, across retries of its page
      std::uint64_t buffered_host = 0;
      DetectionCallbacks callbacks;
      callbacks.detection = [&](const Host& host, Detection& d) -> Status {
        if (host.id != buffered_host) {
          buffered.clear();
          buffered_host = host.id;
        }
        buffered.push_back(std::move(d));
        return {};
      };
      callbacks.host_end = [&](const Host& host, size_t) -> Status {
        if (host.id != buffered_host) buffered.clear();
        std::size_t size = buffered.size();
        auto s = handoff.push(HostDetections{host, std::move(buffered)});
        buffered.clear();
        buffered.reserve(size);  // hosts are alike: spares the regrowth
        buffered_host = 0;
        return s;
      };
      callbacks.page_datetime = [&](Timestamp t) { (void)handoff.push(t); };
      return client_.detections(query, callbacks);
    });
    if (!fetched) return fetched;
    // Hosts listed but absent from the detection list have no detection left.
    if (auto s = db_.exec("DELETE FROM detections WHERE host_id IN (SELECT host_id FROM "
                          "sync_pending); DELETE FROM sync_pending;");
        !s) {
      return s;
    }
    if (cp_.mode == "full") {
      // A full run saw every host of the selection: the others are gone from Qualys.
      auto stale = Statement::prepare(db_, "SELECT count(*) FROM hosts WHERE seen_run IS NOT ?");
      if (!stale) return std::unexpected(stale.error());
      stale->bind(1, cp_.run_id);
      if (auto r = stale->step(); !r) return std::unexpected(r.error());
      report_.hosts_removed = stale->uint64(0);
      std::string run = std::to_string(cp_.run_id);
      std::string gone = "(SELECT id FROM hosts WHERE seen_run IS NOT " + run + ")";
      if (auto s = db_.exec("DELETE FROM detections WHERE host_id IN " + gone +
                            "; DELETE FROM host_tags WHERE host_id IN " + gone +
                            "; DELETE FROM asset_groups WHERE host_id IN " + gone +
                            "; DELETE FROM hosts WHERE seen_run IS NOT " + run + ";");
          !s) {
        return s;
      }
    }
    // The index a first sync dropped, built once over the loaded table; the KB phase's search
    // for QIDs without a KB entry is an index scan from here on.
    if (auto s = db_.exec("CREATE INDEX IF NOT EXISTS detections_qid ON detections(qid)"); !s) {
      return s;
    }
    return next_phase("kb");
  }

  Status kb_phase() {
    progress_.phase = "kb";
    KnowledgeBaseCallbacks callbacks;
    std::set<std::uint64_t> stored;  // QIDs already in the mirror (the modified ones replace)
    bool only_stored = false;
    callbacks.vuln = [&](const Vuln& v) -> Status {
      if (only_stored && !stored.count(v.qid)) return {};
      if (auto s = writer_.upsert_vuln(v); !s) return s;
      ++report_.vulns;
      ++progress_.vulns;
      return written(v.qid);
    };
    callbacks.page_datetime = [&](Timestamp t) { page_datetime(t); };

    if (cp_.whole_kb && cp_.mode == "full") {
      // One call: the whole KnowledgeBase (Qualys does not page it).
      if (auto s = client_.knowledge_base(KnowledgeBaseQuery{}, callbacks); !s) return s;
      return next_phase("done");
    }
    if (cp_.mode == "incremental") {
      auto known = Statement::prepare(db_, "SELECT qid FROM kb_vulns");
      if (!known) return std::unexpected(known.error());
      while (true) {
        auto row = known->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        stored.insert(known->uint64(0));
      }
      if (!stored.empty() || cp_.whole_kb) {
        // One call for every entry modified since the last run; new QIDs follow by ID.
        KnowledgeBaseQuery modified;
        modified.last_modified_after = cp_.since;
        only_stored = !cp_.whole_kb;
        if (auto s = client_.knowledge_base(modified, callbacks); !s) return s;
        only_stored = false;
      }
    }
    auto missing = Statement::prepare(
        db_,
        "SELECT DISTINCT qid FROM detections WHERE qid NOT IN (SELECT qid FROM kb_vulns) "
        "ORDER BY qid");
    if (!missing) return std::unexpected(missing.error());
    KnowledgeBaseQuery query;
    while (true) {
      auto row = missing->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      auto qid = missing->uint64(0);
      if (!query.ids.empty() && query.ids.back().last + 1 == qid) {
        query.ids.back().last = qid;
      } else {
        query.ids.push_back({qid, qid});
      }
    }
    missing = Statement();
    if (!query.ids.empty()) {
      if (auto s = client_.knowledge_base(query, callbacks); !s) return s;
    }
    return next_phase("done");
  }

  Status finish() {
    if (!cp_.watermark) {
      return make_error(ErrorKind::kMalformed,
                        "sync: no response carried the server's DATETIME; the watermark is "
                        "unknown",
                        "the run is kept as interrupted; run qvm sync again");
    }
    report_.watermark = *cp_.watermark;
    long calls = 0;
    std::string by_endpoint;
    for (const auto& [endpoint, n] : client_.calls()) {
      calls += n;
      by_endpoint += (by_endpoint.empty() ? "" : " ") + endpoint + "=" + std::to_string(n);
    }
    auto done =
        Statement::prepare(db_,
                           "UPDATE sync_runs SET ended = ?, watermark = ?, outcome = 'complete', "
                           "calls = calls + ?, calls_by_endpoint = ?, hosts = hosts + ?, "
                           "detections = detections + ?, vulns = vulns + ? WHERE id = ?");
    if (!done) return std::unexpected(done.error());
    done->bind(1, local_now());
    done->bind(2, *cp_.watermark);
    done->bind(3, static_cast<std::int64_t>(calls));
    done->bind(4, by_endpoint);
    done->bind(5, report_.hosts);
    done->bind(6, report_.detections);
    done->bind(7, report_.vulns);
    done->bind(8, cp_.run_id);
    if (auto s = done->run(); !s) return s;
    auto remember = Statement::prepare(
        db_, "INSERT OR REPLACE INTO settings (key, value) VALUES ('selection', ?)");
    if (!remember) return std::unexpected(remember.error());
    remember->bind(1, cp_.selection);
    if (auto s = remember->run(); !s) return s;
    if (auto s = db_.exec("DELETE FROM sync_checkpoint; DELETE FROM settings WHERE key IN "
                          "('needs_full', 'fresh_load');");
        !s) {
      return s;
    }
    if (auto s = db_.exec("COMMIT"); !s) return s;
    in_transaction_ = false;
    if (bulk_load_) return leave_bulk_load(db_);
    return {};
  }

  // The run's counters so far; the checkpoint stays for the next run to resume from.
  void record_failure(const Error& error) {
    if (in_transaction_) {
      (void)db_.exec("ROLLBACK");
      in_transaction_ = false;
    }
    auto s = Statement::prepare(
        db_,
        "UPDATE sync_runs SET outcome = 'interrupted', ended = ?, message = ?, "
        "hosts = hosts + ?, detections = detections + ?, vulns = vulns + ?, calls = calls + ? "
        "WHERE id = ?");
    if (!s) return;
    long calls = 0;
    for (const auto& [endpoint, n] : client_.calls())
      calls += n;
    s->bind(1, local_now());
    s->bind(2, error.message);
    s->bind(3, report_.hosts);
    s->bind(4, report_.detections);
    s->bind(5, report_.vulns);
    s->bind(6, static_cast<std::int64_t>(calls));
    s->bind(7, cp_.run_id);
    (void)s->run();
  }

  Connection& db_;
  MirrorWriter writer_;
  Client& client_;
  const SyncOptions& options_;
  Checkpoint cp_;
  SyncReport report_;
  SyncProgress progress_;
  bool in_transaction_ = false;
  bool bulk_load_ = false;
  bool fresh_load_ = false;
  std::size_t batch_ = 0;
};

}  // namespace
}  // namespace qvm::store

namespace qvm {

Result<SyncReport> sync_mirror(Client& client, const SyncOptions& options) {
  auto lock = store::SyncLock::acquire(options.db_path);
  if (!lock) return std::unexpected(lock.error());
  auto db = store::open_mirror(options.db_path);
  if (!db) return std::unexpected(db.error());
  auto writer = store::MirrorWriter::prepare(*db);
  if (!writer) return std::unexpected(writer.error());
  store::SyncRun run(*db, std::move(*writer), client, options);
  return run.run();
}

}  // namespace qvm
