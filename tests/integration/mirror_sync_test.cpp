// `sync_mirror` against the simulator: first sync equals the data, incremental sync after the
// clock moves, interruptions by injected faults, the lock, the v1 migration, and offline vulns
// equal to the online report.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "mirror_dump.hpp"
#include "qvm/mirror.hpp"
#include "qvm/selectors.hpp"
#include "qvm/vulns_report.hpp"
#include "sim_client.hpp"
#include "store/mirror_schema.hpp"
#include "store/sync_lock.hpp"

namespace qvm {
namespace {

namespace fs = std::filesystem;

std::string temp_db(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("qvm-sync-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  for (const char* suffix : {"", "-wal", "-shm", ".lock"})
    fs::remove(p.string() + suffix);
  return p.string();
}

SyncOptions all_hosts(const std::string& db) {
  SyncOptions o;
  o.db_path = db;
  o.hosts_per_page = 25;
  o.hosts_per_transaction = 10;
  return o;
}

long total(const std::map<std::string, long>& calls) {
  long n = 0;
  for (const auto& [endpoint, c] : calls)
    n += c;
  return n;
}

std::uint64_t mirror_stats_hosts(const std::string& db) {
  auto c = store::Connection::open(db, true);
  if (!c) return 0;
  auto s = store::Statement::prepare(*c, "SELECT count(*) FROM hosts");
  if (!s || !s->step().value_or(false)) return 0;
  return s->uint64(0);
}

// Every host list detection call fails: a sync stops in its detections phase.
void fail_every_detections_call(sim::Simulator& sim) {
  sim::FaultRule rule;
  rule.endpoint = sim::Endpoint::kDetections;
  rule.kind = sim::FaultKind::kHttp500;
  rule.probability = 1;
  sim.set_faults({rule});
}

// No retry: each fault interrupts the run.
ConnectionOptions one_attempt(const std::string& url) {
  ConnectionOptions c = test::fast_connection(url);
  c.retry.max_attempts = 1;
  return c;
}

TEST(MirrorSync, FirstSyncEqualsTheSimulatorRowByRow) {
  auto sc = test::start_sim_client(test::test_sim_options(120));
  std::string db = temp_db("first.db");
  auto report = sync_mirror(*sc.client, all_hosts(db));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->incremental);
  EXPECT_EQ(report->hosts, 120u);
  EXPECT_EQ(report->watermark, sc.sim->dataset().now());  // the server's DATETIME
  EXPECT_EQ(test::first_difference(test::mirror_as_records(db),
                                   test::simulator_as_records(sc.sim->dataset().view())),
            "");
}

std::string journal_mode(const std::string& db) {
  auto c = store::Connection::open(db, true);
  if (!c) return c.error().message;
  auto s = store::Statement::prepare(*c, "PRAGMA journal_mode");
  if (!s || !s->step().value_or(false)) return "no answer";
  return s->text(0);
}

TEST(MirrorSync, AFirstSyncLoadsWithARollbackJournalThenTheMirrorIsWal) {
  auto options = test::test_sim_options(100);
  auto sc = test::start_sim_client(options);
  std::string db = temp_db("bulk.db");
  // The first host list detection page fails: the run stops in its detections phase.
  fail_every_detections_call(*sc.sim);
  ConnectionOptions c = one_attempt(sc.url);
  Client failing(c);
  ASSERT_FALSE(sync_mirror(failing, all_hosts(db)));
  EXPECT_EQ(journal_mode(db), "delete") << "an unfinished first sync loads without WAL";
  EXPECT_FALSE(fs::exists(db + "-wal"));

  sc.sim->clear_faults();
  Client client(c);
  auto report = sync_mirror(client, all_hosts(db));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->resumed);
  EXPECT_EQ(journal_mode(db), "wal") << "once complete, readers and syncs do not block each other";
  EXPECT_EQ(test::first_difference(test::mirror_as_records(db),
                                   test::simulator_as_records(sc.sim->dataset().view())),
            "");
}

TEST(MirrorSync, AFirstSyncOverAnAbandonedRunsRowsReplacesThem) {
  auto sc = test::start_sim_client(test::test_sim_options(60));
  std::string db = temp_db("abandoned.db");
  // A first sync of part of the hosts writes them, then fails in its detections phase.
  fail_every_detections_call(*sc.sim);
  ConnectionOptions c = one_attempt(sc.url);
  SyncOptions part = all_hosts(db);
  part.hosts.ips = {*parse_ipv4_range("10.0.0.1-10.0.0.30")};
  Client failing(c);
  ASSERT_FALSE(sync_mirror(failing, part));
  ASSERT_GT(mirror_stats_hosts(db), 0u) << "the interrupted run left hosts behind";

  // Another selection abandons that run. The mirror is not empty, so this first sync cannot take
  // the fresh-load path: it replaces the rows it finds (tags and asset groups not doubled).
  sc.sim->clear_faults();
  Client client(c);
  auto report = sync_mirror(client, all_hosts(db));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->resumed);
  EXPECT_EQ(test::first_difference(test::mirror_as_records(db),
                                   test::simulator_as_records(sc.sim->dataset().view())),
            "");
}

TEST(MirrorSync, IncrementalSyncFetchesOnlyChangedHostsAndEqualsTheNewData) {
  auto sc = test::start_sim_client(test::test_sim_options(300));
  std::string db = temp_db("incremental.db");
  auto first = sync_mirror(*sc.client, all_hosts(db));
  ASSERT_TRUE(first) << first.error().message;
  long first_calls = total(sc.client->calls());

  sc.sim->advance_clock(std::chrono::hours(24));
  auto view = sc.sim->dataset().view();
  std::uint64_t changed = 0;
  for (std::uint64_t i = 0; i < view.host_count(); ++i) {
    auto processed = view.host(i).last_scan_datetime;
    if (processed && *processed > first->watermark) ++changed;
  }
  ASSERT_GT(changed, 0u) << "the simulator changed nothing in a day";
  ASSERT_LT(changed, view.host_count());

  Client second_client(test::fast_connection(sc.url));
  auto second = sync_mirror(second_client, all_hosts(db));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(second->incremental);
  EXPECT_EQ(*second->since, first->watermark);
  EXPECT_EQ(second->hosts, changed) << "only hosts processed since the watermark are fetched";
  EXPECT_LT(total(second_client.calls()), first_calls);
  EXPECT_EQ(test::first_difference(test::mirror_as_records(db), test::simulator_as_records(view)),
            "");

  // Nothing changed since: the next run writes nothing.
  auto third = sync_mirror(second_client, all_hosts(db));
  ASSERT_TRUE(third) << third.error().message;
  EXPECT_EQ(third->hosts, 0u);
  EXPECT_EQ(third->detections, 0u);
}

TEST(MirrorSync, InjectedFaultsEndAfterRerunsInTheSameDatabase) {
  auto options = test::test_sim_options(200);
  auto reference = test::start_sim_client(options);
  std::string clean = temp_db("clean.db");
  ASSERT_TRUE(sync_mirror(*reference.client, all_hosts(clean)));

  std::mt19937 random(20240603);
  for (int round = 0; round < 3; ++round) {
    auto sc = test::start_sim_client(options);
    // Faults the retries cannot hide: one attempt per call, so each fault interrupts the run.
    ConnectionOptions c = one_attempt(sc.url);
    std::string db = temp_db("faults" + std::to_string(round) + ".db");
    // Not kMalformed: its marker lands inside RESULTS CDATA as valid text (see the report).
    const sim::FaultKind kinds[] = {sim::FaultKind::kDrop, sim::FaultKind::kTruncate,
                                    sim::FaultKind::kHttp503, sim::FaultKind::kRate409};
    int failures = 0;
    for (int attempt = 0; attempt < 60; ++attempt) {
      sim::FaultRule rule;
      rule.kind = kinds[random() % 4];
      rule.probability = 0.3;
      rule.after_bytes = 500 + random() % 20000;
      sc.sim->set_faults({rule});
      Client client(c);
      auto r = sync_mirror(client, all_hosts(db));
      if (r) break;
      ++failures;
      EXPECT_NE(r.error().kind, ErrorKind::kIo) << r.error().message;
    }
    sc.sim->clear_faults();
    Client client(c);
    auto last = sync_mirror(client, all_hosts(db));
    ASSERT_TRUE(last) << last.error().message;
    EXPECT_GT(failures, 0) << "round " << round << " was never interrupted";
    EXPECT_EQ(test::first_difference(test::dump_mirror(db), test::dump_mirror(clean)), "")
        << "round " << round;
  }
}

TEST(MirrorSync, ASecondSyncOnTheSameFileIsRefused) {
  auto sc = test::start_sim_client(test::test_sim_options(20));
  std::string db = temp_db("locked.db");
  auto held = store::SyncLock::acquire(db);
  ASSERT_TRUE(held);
  auto refused = sync_mirror(*sc.client, all_hosts(db));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kIo);
  EXPECT_NE(refused.error().message.find("another qvm sync is running"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(total(sc.client->calls()), 0) << "a refused sync makes no call";

  // Once the other sync ends (its lock released), a sync runs. (This also keeps the simulator
  // from being stopped before it served anything: Simulator::stop() then hangs, see the report.)
  held = std::unexpected(Error{});
  auto after = sync_mirror(*sc.client, all_hosts(db));
  EXPECT_TRUE(after) << after.error().message;
}

TEST(MirrorSync, VersionOneDatabaseIsMigratedAndResyncedInFull) {
  std::string db = temp_db("v1.db");
  {
    auto c = store::Connection::open(db, false);
    ASSERT_TRUE(c);
    ASSERT_TRUE(store::create_schema_v1(*c));
    ASSERT_TRUE(
        c->exec("INSERT INTO hosts (id, ip) VALUES (1, '10.9.9.9');"
                "INSERT INTO detections (host_id, seq, qid, type, status) VALUES (1, 0, 38170, "
                "'Confirmed', 'Active');"
                "INSERT INTO sync_runs (started, ended, mode, watermark, outcome) VALUES "
                "('2024-01-01T00:00:00Z', '2024-01-01T00:10:00Z', 'full', '2024-01-01T00:00:00Z', "
                "'complete');"));
  }
  auto stale = mirror_stats(db);
  ASSERT_FALSE(stale);
  EXPECT_NE(stale.error().hint.find("migrates"), std::string::npos);

  auto migrated = store::open_mirror(db);
  ASSERT_TRUE(migrated) << migrated.error().message;
  auto version = store::Statement::prepare(*migrated, "PRAGMA user_version");
  ASSERT_TRUE(version && version->step().value_or(false));
  EXPECT_EQ(version->int64(0), kMirrorSchemaVersion);
  auto kept = store::Statement::prepare(
      *migrated, "SELECT ip, results FROM vulns WHERE host_id = 1 AND qid = 38170");
  ASSERT_TRUE(kept && kept->step().value_or(false)) << "v1 rows survive the migration";
  EXPECT_EQ(kept->text(0), "10.9.9.9");
  EXPECT_TRUE(kept->is_null(1));
  auto index = store::Statement::prepare(
      *migrated, "SELECT count(*) FROM sqlite_master WHERE name = 'detections_status_severity'");
  ASSERT_TRUE(index && index->step().value_or(false));
  EXPECT_EQ(index->int64(0), 0) << "version 3 drops the (status, severity) index";
  index = store::Statement();
  kept = store::Statement();
  version = store::Statement();
  *migrated = store::Connection();

  // RESULTS of v1 rows are unknown: the next sync is a full one, and removes the old host.
  auto sc = test::start_sim_client(test::test_sim_options(30));
  auto report = sync_mirror(*sc.client, all_hosts(db));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->incremental);
  EXPECT_EQ(report->hosts_removed, 1u);
  EXPECT_EQ(test::first_difference(test::mirror_as_records(db),
                                   test::simulator_as_records(sc.sim->dataset().view())),
            "");
  auto stats = mirror_stats(db);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->hosts, 30u);
}

// Rows as the writers receive them.
class CapturingWriter : public RowWriter {
 public:
  std::vector<std::vector<FieldValue>> rows;
  std::vector<std::string> columns;
  Status begin(std::span<const std::string> c) override {
    columns.assign(c.begin(), c.end());
    return {};
  }
  Status row(std::span<const FieldValue> v) override {
    rows.emplace_back(v.begin(), v.end());
    return {};
  }
  Status end() override { return {}; }
};

std::vector<std::vector<FieldValue>> offline_rows(const std::string& db, const VulnsRequest& r) {
  std::vector<std::vector<FieldValue>> rows;
  std::vector<FieldValue> row;
  auto status =
      read_mirror_vulns(db, r.detections, [&](const Host& h, const Detection& d, const Vuln* kb) {
        vulns_row(h, d, kb, row);
        rows.push_back(row);
        return Status{};
      });
  EXPECT_TRUE(status) << status.error().message;
  return rows;
}

TEST(MirrorSync, OfflineVulnsGiveTheRowsOfTheOnlineReport) {
  auto sc = test::start_sim_client(test::test_sim_options(150));
  std::string db = temp_db("offline.db");
  ASSERT_TRUE(sync_mirror(*sc.client, all_hosts(db)));

  std::vector<VulnsRequest> requests(4);
  requests[0].detections.hosts = {};
  auto ips = parse_ipv4_ranges("10.0.0.1-10.0.0.60");
  ASSERT_TRUE(ips);
  requests[1].detections.hosts.ips = *ips;
  requests[1].detections.severities = {4, 5};
  requests[2].detections.hosts = {};
  requests[2].detections.status = {"Fixed", "Re-Opened"};
  requests[2].detections.show_igs = true;
  requests[3].detections.hosts = {};
  requests[3].detections.include_vuln_type = "potential";
  requests[3].detections.show_results = false;
  for (size_t i = 0; i < requests.size(); ++i) {
    sc.client = std::make_unique<Client>(test::fast_connection(sc.url));
    CapturingWriter online;
    auto summary = run_vulns_report(*sc.client, requests[i], online);
    ASSERT_TRUE(summary) << summary.error().message;
    auto offline = offline_rows(db, requests[i]);
    ASSERT_GT(online.rows.size(), 0u) << "request " << i;
    ASSERT_EQ(offline.size(), online.rows.size()) << "request " << i;
    for (size_t r = 0; r < offline.size(); ++r) {
      for (size_t c = 0; c < online.columns.size(); ++c) {
        ASSERT_TRUE(offline[r][c] == online.rows[r][c])
            << "request " << i << " row " << r << " column " << online.columns[c]
            << ": offline type " << offline[r][c].index() << ", online type "
            << online.rows[r][c].index();
      }
    }
  }
}

}  // namespace
}  // namespace qvm
