// `qvm sync` cost: a first sync of N hosts from an in-process simulator over loopback, then an
// incremental sync after one simulated day (one scan round, ~1% of hosts changed), then the same
// first sync without RESULTS (the text nulled after the fact, VACUUMed) to price RESULTS in file
// size. Usage: bench_sync_mirror [hosts=100000] [dir=/tmp]. Prints one line per measurement.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "qvm/mirror.hpp"
#include "qvm_sim/simulator.hpp"
#include "store/sqlite_statement.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

double file_mb(const std::string& path) {
  double total = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path + suffix, ec);
    if (!ec) total += static_cast<double>(size);
  }
  return total / 1e6;
}

qvm::ConnectionOptions connection(const std::string& url) {
  qvm::ConnectionOptions c;
  c.base_url = url;
  c.credentials = {"demo", "demo"};
  return c;
}

long calls(const qvm::Client& client) {
  long n = 0;
  for (const auto& [endpoint, count] : client.calls())
    n += count;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t hosts = argc > 1 ? std::stoull(argv[1]) : 100000;
  std::string dir = argc > 2 ? argv[2] : "/tmp";
  std::string db = dir + "/bench_sync_mirror.db";
  for (const char* suffix : {"", "-wal", "-shm", ".lock"})
    std::filesystem::remove(db + suffix);

  qvm::sim::Options options;
  options.hosts = hosts;
  options.limits = qvm::sim::Limits{1000000, std::chrono::seconds(3600), 2};
  // One simulated day later, ~1% of the hosts are re-scanned and 0.1% are new: the ~1% change
  // the incremental measurement is about.
  options.rescan_per_mille = 10;
  options.new_hosts_per_generation = std::max<std::uint64_t>(1, hosts / 1000);
  qvm::sim::Simulator sim(options);
  auto url = sim.start();
  if (!url) return std::fprintf(stderr, "simulator: %s\n", url.error().message.c_str()), 1;

  qvm::SyncOptions sync;
  sync.db_path = db;
  auto run = [&](const char* what) -> bool {
    qvm::Client client(connection(*url));
    auto t = std::chrono::steady_clock::now();
    auto report = qvm::sync_mirror(client, sync);
    double s = seconds_since(t);
    if (!report) {
      std::fprintf(stderr, "%s: %s\n", what, report.error().message.c_str());
      return false;
    }
    std::printf(
        "%-12s hosts=%llu detections=%llu kb=%llu wall=%.1fs detections/s=%.0f calls=%ld "
        "peak_rss=%ldMB db=%.0fMB\n",
        what, static_cast<unsigned long long>(report->hosts),
        static_cast<unsigned long long>(report->detections),
        static_cast<unsigned long long>(report->vulns), s,
        static_cast<double>(report->detections) / s, calls(client), peak_rss_mb(), file_mb(db));
    std::fflush(stdout);
    return true;
  };
  if (!run("first")) return 1;
  // One scan round: the simulator cannot change fewer hosts than a round does (~26%).
  sim.advance_clock(std::chrono::hours(24));
  if (!run("incremental")) return 1;

  auto c = qvm::store::Connection::open(db, false);
  if (!c) return 1;
  auto t = std::chrono::steady_clock::now();
  (void)c->exec("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
  double with_results = file_mb(db);
  (void)c->exec("UPDATE detections SET results = NULL; VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
  std::printf("results      db_with=%.0fMB db_without=%.0fMB (vacuum+null %.1fs)\n", with_results,
              file_mb(db), seconds_since(t));
  return 0;
}
