// `qvm sync` as a process: killed with SIGKILL at random moments and re-run, it ends in the
// database an uninterrupted sync writes; a second sync on the same file is refused (exit 8);
// `qvm db` and `qvm vulns --db` answer from the file.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "cli/sim_server.hpp"

extern char** environ;

namespace qvm::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> sync_args(const SimServer& server, const std::string& db) {
  return {project_binary("qvm"), "sync",        "--all", "--db",       db, "--url",
          server.url(),          "--page-size", "20",    "--max-wait", "5"};
}

// Starts qvm without waiting for it.
pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& extra_env) {
  std::vector<char*> argv;
  for (const auto& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e)
    env_text.emplace_back(*e);
  env_text.insert(env_text.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> envp;
  for (auto& e : env_text)
    envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

std::string fresh_db(const std::string& dir, const std::string& name) {
  std::string p = dir + "/" + name;
  for (const char* suffix : {"", "-wal", "-shm", ".lock"})
    fs::remove(p + suffix);
  return p;
}

// The data tables through `qvm db sql` (sync bookkeeping left out).
std::string dump(const SimServer& server, const std::string& db) {
  std::string out;
  for (const char* sql :
       {"SELECT id, asset_id, ip, ipv6, os, dns, netbios, tracking_method, last_scan_datetime, "
        "last_vm_scanned_date FROM hosts ORDER BY id",
        "SELECT * FROM host_tags ORDER BY host_id, seq",
        "SELECT * FROM asset_groups ORDER BY host_id, asset_group_id",
        "SELECT * FROM detections ORDER BY host_id, seq", "SELECT * FROM kb_vulns ORDER BY qid",
        "SELECT * FROM kb_cves ORDER BY qid, seq",
        "SELECT * FROM kb_threat_intel ORDER BY qid, seq"}) {
    auto r = run_process({project_binary("qvm"), "db", "sql", "--db", db, sql, "--format", "csv"},
                         {}, server.env());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    out += r.out;
  }
  return out;
}

TEST(SyncCommand, KilledAtRandomMomentsEndsLikeAnUninterruptedSync) {
  SimServer server(cli_sim_options(1500));
  std::string clean = fresh_db(server.dir(), "clean.db");
  auto reference = run_process(sync_args(server, clean), {}, server.env());
  ASSERT_EQ(reference.exit_code, 0) << reference.err;

  std::string db = fresh_db(server.dir(), "killed.db");
  std::mt19937 random(7);
  int killed = 0;
  for (int round = 0; round < 15; ++round) {
    pid_t pid = spawn(sync_args(server, db), server.env());
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(30 + random() % 400));
    if (::kill(pid, SIGKILL) == 0) ++killed;
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  auto last = run_process(sync_args(server, db), {}, server.env());
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_GT(killed, 5);
  auto runs =
      run_process({project_binary("qvm"), "db", "sql", "--db", db,
                   "SELECT count(*) FROM sync_runs WHERE outcome = 'complete'", "--format", "csv"},
                  {}, server.env());
  EXPECT_NE(runs.out.find("\n1"), std::string::npos)
      << "the watermark advanced only once, when a run completed:\n"
      << runs.out;
  std::string a = dump(server, db), b = dump(server, clean);
  EXPECT_TRUE(a == b) << "sizes " << a.size() << " vs " << b.size();
  auto check = run_process(
      {project_binary("qvm"), "db", "sql", "--db", db, "PRAGMA integrity_check", "--format", "csv"},
      {}, server.env());
  EXPECT_NE(check.out.find("ok"), std::string::npos) << check.out << check.err;
}

TEST(SyncCommand, ASecondSyncOnTheSameFileExitsWithCode8) {
  auto options = cli_sim_options(200);
  sim::FaultRule slow;
  slow.endpoint = sim::Endpoint::kHostList;
  slow.kind = sim::FaultKind::kDelay;
  slow.nth = 1;
  slow.duration = std::chrono::milliseconds(2500);
  options.faults = {slow};
  SimServer server(options);
  std::string db = fresh_db(server.dir(), "twice.db");
  pid_t first = spawn(sync_args(server, db), server.env());
  ASSERT_GT(first, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  auto second = run_process(sync_args(server, db), {}, server.env());
  EXPECT_EQ(second.exit_code, 8) << second.err;
  EXPECT_NE(second.err.find("another qvm sync is running on this database"), std::string::npos)
      << second.err;
  int status = 0;
  ::waitpid(first, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(SyncCommand, OfflineCommandsAnswerFromTheDatabase) {
  SimServer server(cli_sim_options(100));
  std::string db = fresh_db(server.dir(), "offline.db");
  ASSERT_EQ(run_process(sync_args(server, db), {}, server.env()).exit_code, 0);
  server.sim().reset_stats();
  auto stats = run_process({project_binary("qvm"), "db", "stats", "--db", db, "--format", "csv"},
                           {}, server.env());
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("hosts,100\r\n"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("watermark," + format_timestamp(server.sim().dataset().now()) + "\r\n"),
            std::string::npos)
      << stats.out;
  auto vulns = run_process({project_binary("qvm"), "vulns", "--db", db, "--all", "--severities",
                            "5", "--columns", "ip,qid,severity,title", "--format", "csv"},
                           {}, server.env());
  ASSERT_EQ(vulns.exit_code, 0) << vulns.err;
  EXPECT_EQ(vulns.out.substr(0, vulns.out.find("\r\n")), "ip,qid,severity,title");
  EXPECT_EQ(vulns.out.find(",4,"), std::string::npos);
  EXPECT_EQ(server.sim().stats().total_calls, 0u) << "offline means no API call";
  auto write = run_process({project_binary("qvm"), "db", "sql", "--db", db, "DELETE FROM hosts"},
                           {}, server.env());
  EXPECT_EQ(write.exit_code, 2) << write.err;
}

}  // namespace
}  // namespace qvm::test
