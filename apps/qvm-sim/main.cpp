// qvm-sim: runs the Qualys VM/QPS simulator until SIGINT/SIGTERM. Options map one to one onto
// qvm::sim::Options; the first stdout line is "listening on <url>".
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <pthread.h>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <mutex>

#include "qvm_sim/simulator.hpp"

namespace {

int fail(const std::string& message, const std::string& hint = {}) {
  fmt::print(stderr, "qvm-sim: error: {}\n", message);
  if (!hint.empty()) fmt::print(stderr, "hint: {}\n", hint);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace qvm::sim;
  Options o;
  CLI::App app{
      "qvm-sim: a local simulator of the Qualys VM (VMDR) and QPS APIs.\n"
      "Serves generated hosts, detections, KnowledgeBase, scans and QPS host assets on\n"
      "loopback, with Qualys' wire format, limits and injectable faults.",
      "qvm-sim"};
  std::vector<std::string> users, faults, expired;
  std::string rate, profile, clock, log_path, xrw = "reject";
  int xrw_status = 400, xrw_code = 1903;
  std::int64_t generation = 86400;
  app.add_option("--hosts", o.hosts, "Number of hosts at start (works at 1000000)")
      ->capture_default_str();
  app.add_option("--seed", o.seed, "Seed of the generated data and of probabilistic faults")
      ->capture_default_str();
  app.add_option("--kb-size", o.kb_size, "Vulns in the KnowledgeBase (64..16000)")
      ->capture_default_str();
  app.add_option("--clock", clock,
                 "Simulated time at start, YYYY-MM-DD[THH:MM:SSZ] (default 2024-06-03)");
  app.add_option("--generation", generation,
                 "Seconds of simulated time per scan round (new hosts, detection changes)")
      ->capture_default_str();
  app.add_option("--new-hosts", o.new_hosts_per_generation,
                 "Hosts added per scan round (0 = 1% of --hosts)")
      ->capture_default_str();
  app.add_option("--rescan-per-mille", o.rescan_per_mille,
                 "Hosts re-scanned per round after start, in thousandths (10 = 1%); 0 = every "
                 "host weekly and one in four on other days")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  app.add_option("--bind", o.bind, "Address to listen on (loopback by default)")
      ->capture_default_str();
  app.add_option("--port", o.port, "Port to listen on (0 = a free port)")->capture_default_str();
  app.add_flag("--tls", o.tls, "Serve HTTPS with a self-signed certificate made at start");
  app.add_option("--ca-file", o.ca_file,
                 "With --tls: where to write the certificate (PEM) clients should trust");
  app.add_option("--threads", o.threads, "Worker threads (simultaneous connections)")
      ->capture_default_str();
  app.add_option("--user", users,
                 "NAME:PASSWORD of an accepted user (repeatable; default demo:demo)");
  app.add_option("--expired-user", expired,
                 "NAME of a user whose account has expired (HTTP 200 + CODE 2001)");
  app.add_option("--platform", o.platform_host, "Platform host in DOCTYPEs and pages")
      ->capture_default_str();
  app.add_flag("--old-dtd", o.old_dtd_paths, "Old-style DTD paths (host_list_output.dtd …)");
  app.add_flag("--evaluation", o.evaluation_banner, "Add the evaluation-version banner comments");
  app.add_option("--next-url-base", o.next_url_base,
                 "Base of WARNING/URL pagination links (default: this server's URL)");
  app.add_option("--keepalive-every", o.keepalive_every,
                 "A keep-alive comment every N records (0 = none)")
      ->capture_default_str();
  app.add_option("--truncation", o.default_truncation,
                 "Host list / HLD page size when truncation_limit is absent")
      ->capture_default_str();
  app.add_option("--kb-truncation", o.kb_truncation, "KB page size (0 = unpaged, as documented)")
      ->capture_default_str();
  app.add_option("--max-url", o.max_url_length, "Longer GET request targets get Apache's 414 page")
      ->capture_default_str();
  app.add_option("--xrw", xrw,
                 "Missing X-Requested-With on /api/2.0/: 'reject' (see --xrw-status/--xrw-code) "
                 "or 'ignore' (the real answer is UNVERIFIED)")
      ->check(CLI::IsMember({"reject", "ignore"}))
      ->capture_default_str();
  app.add_option("--xrw-status", xrw_status, "HTTP status when rejecting")->capture_default_str();
  app.add_option("--xrw-code", xrw_code, "SIMPLE_RETURN CODE when rejecting")
      ->capture_default_str();
  app.add_option("--profile", profile,
                 "Limits of a service level: express (50/86400, 1), standard (300/3600, 2), "
                 "premium (2000/3600, 10), none")
      ->check(CLI::IsMember({"express", "standard", "premium", "none"}));
  app.add_option("--rate-limit", rate,
                 "CALLS/SECONDS per endpoint, sliding window (default 300/3600)");
  app.add_option("--concurrency", o.limits.concurrency,
                 "Calls of one endpoint allowed at once (0 = unlimited)")
      ->capture_default_str();
  app.add_option("--fault", faults,
                 "ENDPOINT:KIND[:nth=N|:p=P][:ms=MS][:bytes=B] (repeatable). ENDPOINT: about, "
                 "session, host, hld, kb, scan, qps-search, qps-get, qps-count, * . KIND: drop, "
                 "truncate, 500, 502, 503, delay, stall, 409-rate, 409-concurrency, error-200, "
                 "malformed");
  app.add_option("--log", log_path,
                 "Append one line per request to this file ('-' = stderr); "
                 "Authorization and passwords are redacted");
  app.footer(
      "Exit codes: 0 stopped by SIGINT/SIGTERM, 1 cannot start (port, TLS, CA file), 2 usage.\n"
      "Example: qvm-sim --hosts 1000000 --port 8443 --tls --ca-file /tmp/qvm-sim-ca.pem");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (!profile.empty()) {
    auto concurrency = o.limits.concurrency;
    o.limits = *limits_profile(profile);
    if (app.count("--concurrency") != 0) o.limits.concurrency = concurrency;
  }
  if (!rate.empty()) {
    auto limits = parse_rate_limit(rate, o.limits);
    if (!limits) return fail(limits.error().message, limits.error().hint);
    o.limits = *limits;
  }
  if (!clock.empty()) {
    auto t = qvm::parse_timestamp(clock);
    if (!t)
      return fail("invalid --clock '" + clock + "'", "use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    o.clock = *t;
  }
  o.generation = std::chrono::seconds(generation);
  if (!users.empty()) {
    o.users.clear();
    for (const auto& u : users) {
      auto colon = u.find(':');
      if (colon == std::string::npos)
        return fail("invalid --user '" + u + "'", "use NAME:PASSWORD");
      o.users.emplace_back(u.substr(0, colon), u.substr(colon + 1));
    }
  }
  o.expired_users = expired;
  o.requested_with.required = xrw == "reject";
  o.requested_with.http_status = xrw_status;
  o.requested_with.code = xrw_code;
  for (const auto& f : faults) {
    auto rule = parse_fault_rule(f);
    if (!rule) return fail(rule.error().message, rule.error().hint);
    o.faults.push_back(*rule);
  }
  if (o.tls && o.ca_file.empty()) o.ca_file = "qvm-sim-ca.pem";

  std::ofstream log_file;
  std::mutex log_mutex;
  if (!log_path.empty()) {
    if (log_path != "-") {
      log_file.open(log_path, std::ios::app);
      if (!log_file) return fail("cannot open --log file " + log_path);
    }
    o.log = [&](std::string_view line) {
      std::lock_guard lock(log_mutex);
      if (log_file.is_open()) {
        log_file << line << '\n';
        log_file.flush();
      } else {
        fmt::print(stderr, "{}\n", line);
      }
    };
  }

  // Signals are taken by sigwait() below, never by a handler in a server thread.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Simulator sim(o);
  auto url = sim.start();
  if (!url) {
    fmt::print(stderr, "qvm-sim: error: {}\n", url.error().message);
    if (!url.error().hint.empty()) fmt::print(stderr, "hint: {}\n", url.error().hint);
    return 1;
  }
  fmt::print("listening on {}\n", *url);
  std::string names;
  for (const auto& [u, p] : o.users)
    names += (names.empty() ? "" : ", ") + u + ":" + p;
  fmt::print("users: {}\n", names);
  if (o.tls) fmt::print("ca file: {}\n", o.ca_file);
  fmt::print("hosts: {}, seed: {}, limits: {}/{}s, concurrency {}\n", o.hosts, o.seed,
             o.limits.calls, o.limits.window.count(), o.limits.concurrency);
  std::fflush(stdout);

  int received = 0;
  sigwait(&signals, &received);
  sim.stop();
  fmt::print(stderr, "qvm-sim: stopped ({})\n", received == SIGINT ? "SIGINT" : "SIGTERM");
  return 0;
}
