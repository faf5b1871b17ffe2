// When to try a failed call again, and after how long: exponential backoff with jitter for
// transient faults, the advertised wait for 409 1960/1965, never for permanent errors. The
// resource layer calls it from its own loop, because it must resume pagination itself.
//
// Threads: next_delay may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

#include "net/clock.hpp"
#include "net/failure.hpp"
#include "qvm/connection.hpp"

namespace qvm::net {

class RetryPolicy {
 public:
  explicit RetryPolicy(RetryOptions options, Clock& clock = Clock::system(),
                       std::uint64_t seed = std::random_device{}());

  // `attempt` counts the attempts made so far (1 after the first failed). Returns how long to
  // wait before the next attempt, or the error to report: the failure's own when it is
  // permanent or attempts are used up, a kLimit error naming the time to try again when the
  // advertised wait exceeds max_wait.
  Result<std::chrono::milliseconds> next_delay(int attempt, const Failure& failure);

  // The backoff alone, without jitter, for attempt n (base * 2^(n-1), capped).
  std::chrono::milliseconds backoff(int attempt) const;

  const RetryOptions& options() const { return options_; }

 private:
  RetryOptions options_;
  Clock& clock_;
  std::mutex mutex_;
  std::mt19937_64 random_;
};

}  // namespace qvm::net
