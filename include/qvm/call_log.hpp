// One record per HTTP call libqvm makes, for -v output and run summaries. Never holds secrets:
// passwords, usernames, cookies and Authorization headers are redacted before a record is made.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace qvm {

// The limit headers of one response (qualys-api.md §3.1); absent headers stay empty.
struct RateHeaders {
  std::optional<long> limit;                // X-RateLimit-Limit
  std::optional<long> window_sec;           // X-RateLimit-Window-Sec
  std::optional<long> remaining;            // X-RateLimit-Remaining
  std::optional<long> to_wait_sec;          // X-RateLimit-ToWait-Sec
  std::optional<long> concurrency_limit;    // X-Concurrency-Limit-Limit
  std::optional<long> concurrency_running;  // X-Concurrency-Limit-Running

  bool any() const {
    return limit || window_sec || remaining || to_wait_sec || concurrency_limit ||
           concurrency_running;
  }
};

struct CallRecord {
  std::string method;       // "GET" or "POST"
  std::string url;          // scheme://host/path, never the query
  std::string params;       // form parameters, URL-encoded, secrets replaced by "***"
  long status = 0;          // HTTP status, 0 when no response arrived
  std::uint64_t bytes = 0;  // body bytes delivered (after gzip decoding)
  std::chrono::milliseconds duration{0};
  RateHeaders rate;
  std::string error;  // the failure message when the call failed, else empty
};

// One line for verbose output: `POST /api/2.0/fo/... 200 12345B 0.84s limit=300 remaining=293 ...`.
std::string format_call(const CallRecord& record);

}  // namespace qvm
