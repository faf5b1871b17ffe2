// Backoff arithmetic and the retry decision.
#include "net/retry_policy.hpp"

#include <algorithm>

#include "net/limit_error.hpp"

namespace qvm::net {

RetryPolicy::RetryPolicy(RetryOptions options, Clock& clock, std::uint64_t seed)
    : options_(options), clock_(clock), random_(seed) {}

std::chrono::milliseconds RetryPolicy::backoff(int attempt) const {
  auto delay = options_.base;
  for (int i = 1; i < attempt && delay < options_.cap; ++i)
    delay *= 2;
  return std::min(delay, options_.cap);
}

Result<std::chrono::milliseconds> RetryPolicy::next_delay(int attempt, const Failure& failure) {
  using std::chrono::milliseconds;
  if (!is_transient(failure)) return std::unexpected(failure.error);

  if (failure.cause == Cause::kLimit && failure.qualys_code == 1965 && failure.server_wait) {
    auto now = clock_.now();
    if (*failure.server_wait > options_.max_wait) {
      return std::unexpected(limit_exhausted_error(
          failure.endpoint.empty() ? std::string_view("the API") : failure.endpoint, now,
          now + *failure.server_wait, 1965));
    }
    if (attempt >= options_.max_attempts) {
      Error e = failure.error;
      e.message += " (gave up after " + std::to_string(attempt) + " attempts)";
      return std::unexpected(e);
    }
    // One second more than advertised: the server counts whole seconds.
    return milliseconds(*failure.server_wait) + milliseconds(1000);
  }

  if (attempt >= options_.max_attempts) {
    Error e = failure.error;
    e.message += " (gave up after " + std::to_string(attempt) + " attempts)";
    return std::unexpected(e);
  }
  // "Equal jitter": half the backoff is certain, half random, so workers spread out but never
  // hammer the server immediately.
  milliseconds full = backoff(attempt);
  std::lock_guard lock(mutex_);
  std::uniform_int_distribution<long long> half(0, full.count() / 2);
  return milliseconds(full.count() - full.count() / 2 + half(random_));
}

}  // namespace qvm::net
