// Everything a Simulator is configured with: data size and seed, listening address, the platform
// it pretends to be, users, limits, faults and the wire quirks that are UNVERIFIED upstream.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qvm/error.hpp"
#include "qvm/timestamp.hpp"

namespace qvm::sim {

// The endpoints the simulator serves. Limits, faults and statistics are kept per endpoint.
enum class Endpoint {
  kAbout,          // /msp/about.php
  kSession,        // /api/2.0/fo/session/
  kHostList,       // /api/2.0/fo/asset/host/
  kDetections,     // /api/2.0/fo/asset/host/vm/detection/
  kKnowledgeBase,  // /api/2.0/fo/knowledge_base/vuln/
  kScanList,       // /api/2.0/fo/scan/
  kQpsSearch,      // /qps/rest/2.0/search/am/hostasset
  kQpsGet,         // /qps/rest/2.0/get/am/hostasset/{id}
  kQpsCount,       // /qps/rest/2.0/count/am/hostasset
};
inline constexpr Endpoint kAllEndpoints[] = {
    Endpoint::kAbout,      Endpoint::kSession,       Endpoint::kHostList,
    Endpoint::kDetections, Endpoint::kKnowledgeBase, Endpoint::kScanList,
    Endpoint::kQpsSearch,  Endpoint::kQpsGet,        Endpoint::kQpsCount};

// Short names used on the command line and in fault specs: about, session, host, hld, kb, scan,
// qps-search, qps-get, qps-count.
std::string_view endpoint_name(Endpoint e);
std::optional<Endpoint> endpoint_from_name(std::string_view name);
// The URL path, e.g. "/api/2.0/fo/asset/host/vm/detection/" (QPS get without the id).
std::string_view endpoint_path(Endpoint e);

// Per-endpoint limits of the VM API (QPS and the session API are exempt, as upstream).
// The window is sliding: a call is refused while `calls` calls were accepted in the last
// `window` seconds. concurrency 0 or calls 0 means "no limit".
struct Limits {
  int calls = 300;
  std::chrono::seconds window{3600};
  int concurrency = 2;
};
// Service-level profiles from Qualys' limits doc: express (50/86400, 1), standard (300/3600, 2),
// premium (2000/3600, 10).
std::optional<Limits> limits_profile(std::string_view name);
// "300/3600" → calls/window; used by --rate-limit.
Result<Limits> parse_rate_limit(std::string_view text, Limits base);

enum class FaultKind {
  kDrop,      // close the connection mid-body (chunked stream never terminated)
  kTruncate,  // end the body early but cleanly (final chunk sent): an incomplete document
  kHttp500,
  kHttp502,
  kHttp503,
  kDelay,           // wait `duration` before sending headers
  kStall,           // send `after_bytes`, then wait `duration`, then the rest
  kRate409,         // 409 + CODE 1965 as if the rate limit were exhausted
  kConcurrency409,  // 409 + CODE 1960 as if the concurrency limit were reached
  kErrorIn200,      // HTTP 200 with SIMPLE_RETURN CODE 999 "Internal error" (QPS: OTHER_ERROR)
  kMalformed,       // well-framed body whose XML is broken after `after_bytes`
};
std::string_view fault_kind_name(FaultKind k);

// One fault rule. It fires on the `nth` call of its endpoint (1-based) when nth > 0, otherwise on
// each call with `probability`, decided by a hash of (seed, endpoint, rule, call number) so a run
// is reproducible. `endpoint` empty = every endpoint.
struct FaultRule {
  std::optional<Endpoint> endpoint;
  FaultKind kind = FaultKind::kHttp503;
  double probability = 0;
  std::uint64_t nth = 0;
  std::chrono::milliseconds duration{1000};  // kDelay, kStall
  std::uint64_t after_bytes = 2048;          // kDrop, kTruncate, kStall, kMalformed
};
// "hld:drop:nth=3", "kb:503:p=0.1", "*:delay:p=0.5:ms=200", "hld:stall:nth=1:ms=500:bytes=4096".
// Kinds: drop, truncate, 500, 502, 503, delay, stall, 409-rate, 409-concurrency, error-200,
// malformed.
Result<FaultRule> parse_fault_rule(std::string_view text);

// What the server answers when X-Requested-With is missing on /api/2.0/ calls. Qualys requires
// the header but its answer without it is UNVERIFIED, hence configurable.
struct RequestedWithPolicy {
  bool required = true;
  int http_status = 400;
  int code = 1903;
  std::string text = "Missing required header: X-Requested-With";
};

struct Options {
  // Data. Generated lazily from (seed, index): hosts cost no memory.
  std::uint64_t hosts = 200;
  std::uint64_t seed = 1;
  std::uint32_t kb_size = 3000;  // vulns in the KnowledgeBase (at most 16000)
  // Simulated time at start; advance_clock() moves it. Each `generation` of simulated time is one
  // scan round: some hosts appear, detections appear, get fixed or reopen, KB entries change.
  Timestamp clock = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / 6 / 3}};
  std::chrono::seconds generation{86400};
  std::uint64_t new_hosts_per_generation = 0;  // 0 = hosts / 100 (at least 1)
  // Hosts re-scanned per round after start, in thousandths (10 = 1%), for small incremental
  // changes; 0 = the default rhythm: every host weekly, one in four on other days.
  std::uint32_t rescan_per_mille = 0;

  // Listening. Loopback by default; port 0 picks a free port.
  std::string bind = "127.0.0.1";
  int port = 0;
  bool tls = false;
  std::string ca_file;  // with tls: where the self-signed certificate (PEM) is written
  int threads = 16;     // worker threads (simultaneous connections served)
  std::chrono::seconds keep_alive_timeout{5};

  // Users as name → password; `expired_users` answer every call with HTTP 200 + CODE 2001.
  std::vector<std::pair<std::string, std::string>> users{{"demo", "demo"}};
  std::vector<std::string> expired_users;

  // The platform the responses claim to come from (DOCTYPE system ids, 301 pages).
  std::string platform_host = "qualysapi.qg3.apps.qualys.com";
  bool old_dtd_paths = false;      // `host_list_output.dtd` style instead of `dtd/…/output.dtd`
  bool evaluation_banner = false;  // "generated with an evaluation version" comments
  // Base of the pagination URL in WARNING/URL; empty = this simulator's own base URL, so that a
  // client can follow it verbatim.
  std::string next_url_base;
  // A "<!-- keep-alive for ROOT  -->" comment every this many records (0 = none); KB responses
  // also carry one right after DATETIME, as recorded.
  std::uint64_t keepalive_every = 1000;
  std::uint64_t default_truncation = 1000;  // host list and HLD page size without truncation_limit
  std::uint64_t kb_truncation = 0;          // KB page size (0 = unpaged, as documented)
  std::size_t max_url_length = 8000;        // longer GET request targets get Apache's 414 page
  RequestedWithPolicy requested_with;

  Limits limits;
  std::vector<FaultRule> faults;

  // Called once per request with one log line (Authorization and passwords redacted).
  std::function<void(std::string_view)> log;
};

}  // namespace qvm::sim
