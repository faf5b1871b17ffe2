// Per-endpoint rate (sliding window) and concurrency limits of the VM API, with the numbers the
// X-RateLimit-* / X-Concurrency-Limit-* headers and the 1960/1965 errors report.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "qvm_sim/options.hpp"

namespace qvm::sim {

struct LimitSnapshot {
  int limit = 0;
  std::int64_t window_sec = 0;
  int concurrency_limit = 0;
  int running = 0;  // other admitted calls of the endpoint in flight
  std::int64_t to_wait_sec = 0;
  int remaining = 0;
};

struct Admission {
  bool admitted = false;
  int code = 0;  // 1960 (concurrency) or 1965 (rate) when refused
  int calls_to_finish = 0;
  LimitSnapshot headers;
};

class RateLimiter {
 public:
  explicit RateLimiter(Limits limits) : limits_(limits) {}

  // Starts a call: refused with 1960 when the endpoint already runs `concurrency` calls (checked
  // first, as Qualys does), with 1965 when `calls` were accepted within the window.
  Admission admit(Endpoint endpoint);
  // Ends a call admitted by admit().
  void finish(Endpoint endpoint);
  // Headers for a response that was not admitted through the limiter (e.g. 401/400 paths).
  LimitSnapshot peek(Endpoint endpoint);

  void set_limits(Limits limits);
  // Simulated time moves the window too.
  void advance(std::chrono::seconds by);

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point now() const { return Clock::now() + offset_; }
  void expire(std::deque<Clock::time_point>& calls, Clock::time_point now) const;
  LimitSnapshot snapshot(Endpoint endpoint, Clock::time_point now);

  std::mutex mutex_;
  Limits limits_;
  Clock::duration offset_{};
  std::map<Endpoint, std::deque<Clock::time_point>> calls_;
  std::map<Endpoint, int> running_;
};

// The X-RateLimit-* and X-Concurrency-Limit-* headers that report a snapshot.
std::vector<std::pair<std::string, std::string>> limit_headers(const LimitSnapshot& s);

// "This API cannot be run again for another 23 hours, 57 minutes and 54 seconds."
std::string rate_limit_text(std::int64_t seconds);
// "This API cannot be run again until 1 currently running API instance has finished."
std::string concurrency_limit_text(int calls_to_finish);

}  // namespace qvm::sim
