// Slot reservation against the shared budget, and learning the budget from responses.
#include "net/rate_governor.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "net/limit_error.hpp"

namespace qvm::net {
namespace {

// Tokens are unique within the process; with the pid they name a reservation on disk.
std::atomic<std::uint64_t> g_next_token{1};

bool process_alive(long pid) {
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

// Reservations of processes that died without releasing them would block everyone forever.
void drop_dead_calls(BudgetRecord& r) {
  long self = ::getpid();
  std::erase_if(r.calls, [self](const BudgetRecord::Call& c) {
    return c.pid != self && !process_alive(c.pid);
  });
}

enum class Verdict { kGranted, kWaitUntil, kPoll };

}  // namespace

RateGovernor::Slot::Slot(RateGovernor* governor, std::string endpoint, std::uint64_t token)
    : governor_(governor), endpoint_(std::move(endpoint)), token_(token) {}

RateGovernor::Slot::Slot(Slot&& other) noexcept
    : governor_(std::exchange(other.governor_, nullptr)),
      endpoint_(std::move(other.endpoint_)),
      token_(other.token_) {}

RateGovernor::Slot& RateGovernor::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    release();
    governor_ = std::exchange(other.governor_, nullptr);
    endpoint_ = std::move(other.endpoint_);
    token_ = other.token_;
  }
  return *this;
}

RateGovernor::Slot::~Slot() {
  release();
}

void RateGovernor::Slot::observe(const RateHeaders& rate, long http_status) {
  if (governor_) governor_->observe(endpoint_, rate, http_status, token_);
}

void RateGovernor::Slot::release() {
  if (governor_) std::exchange(governor_, nullptr)->release(endpoint_, token_);
}

RateGovernor::RateGovernor(GovernorOptions options)
    : options_(std::move(options)),
      clock_(options_.clock ? *options_.clock : Clock::system()),
      store_(make_budget_store(options_.cache_dir, options_.server, options_.user)) {}

std::int64_t RateGovernor::now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
      .count();
}

Result<RateGovernor::Slot> RateGovernor::acquire(std::string_view endpoint) {
  using std::chrono::milliseconds;
  const std::int64_t started = now_ms();
  const long pid = ::getpid();
  const std::uint64_t token = g_next_token.fetch_add(1);
  for (;;) {
    if (options_.cancel && options_.cancel->load()) return std::unexpected(interrupted_error());
    Verdict verdict = Verdict::kPoll;
    std::int64_t wait_until = 0;
    const std::int64_t now = now_ms();
    auto status = store_->update(endpoint, [&](BudgetRecord& r) {
      drop_dead_calls(r);
      // A whole window after the last count, the sliding window has refilled.
      if (r.remaining >= 0 && r.window_sec > 0 && now >= r.recorded_ms + r.window_sec * 1000) {
        r.remaining = -1;
      }
      if (r.wait_until_ms > now) {
        verdict = Verdict::kWaitUntil;
        wait_until = r.wait_until_ms;
        return;
      }
      if (r.wait_until_ms != 0) {  // the advertised wait is over: the server takes calls again
        r.wait_until_ms = 0;
        if (r.remaining == 0) r.remaining = -1;
      }
      size_t concurrency = r.metering == Metering::kUnmetered ? SIZE_MAX
                           : r.concurrency > 0                ? static_cast<size_t>(r.concurrency)
                                               : static_cast<size_t>(options_.initial_concurrency);
      if (r.calls.size() >= concurrency) return;  // poll: a call in flight will free a slot
      if (r.remaining == 0) {
        if (!r.calls.empty()) return;  // the calls in flight will report the real budget
        verdict = Verdict::kWaitUntil;
        wait_until = r.window_sec > 0 ? r.recorded_ms + r.window_sec * 1000 : now + 1000;
        return;
      }
      if (r.remaining > 0) --r.remaining;
      r.calls.push_back({pid, token});
      verdict = Verdict::kGranted;
    });
    if (!status) return std::unexpected(status.error());
    if (verdict == Verdict::kGranted) return Slot(this, std::string(endpoint), token);

    milliseconds pause = options_.poll;
    if (verdict == Verdict::kWaitUntil) {
      if (wait_until - started > options_.max_wait.count() * 1000) {
        return std::unexpected(
            limit_exhausted_error(endpoint, clock_.now(), WallTime(milliseconds(wait_until))));
      }
      pause = milliseconds(wait_until - now);
      if (options_.on_wait) {
        options_.on_wait("waiting " + std::to_string((pause.count() + 999) / 1000) +
                         " s for the rate limit of " + std::string(endpoint));
      }
    }
    if (auto slept = clock_.sleep_for(pause, options_.cancel); !slept) {
      return std::unexpected(slept.error());
    }
  }
}

void RateGovernor::observe(std::string_view endpoint, const RateHeaders& rate, long http_status,
                           std::uint64_t token) {
  const std::int64_t now = now_ms();
  const long pid = ::getpid();
  (void)store_->update(endpoint, [&](BudgetRecord& r) {
    if (!rate.any()) {
      if (r.metering == Metering::kUnknown && http_status >= 200 && http_status < 300) {
        r.metering = Metering::kUnmetered;
      }
      return;
    }
    // Qualys always advertises a positive limit; a 0 (a private platform, or qvm-sim without
    // limits) can only mean "no limit", never "no call allowed".
    if (rate.limit && *rate.limit <= 0) {
      r.metering = Metering::kUnmetered;
      return;
    }
    r.metering = Metering::kMetered;
    if (rate.limit) r.limit = *rate.limit;
    if (rate.window_sec) r.window_sec = *rate.window_sec;
    if (rate.concurrency_limit) r.concurrency = std::max(1L, *rate.concurrency_limit);
    if (rate.remaining) {
      // The server may not have counted the other calls in flight yet: assume it has not.
      long others = std::ranges::count_if(r.calls, [&](const BudgetRecord::Call& c) {
        return !(c.pid == pid && c.token == token);
      });
      r.remaining = std::max(0L, *rate.remaining - others);
      r.recorded_ms = now;
    }
    if (rate.to_wait_sec && *rate.to_wait_sec > 0) {
      r.wait_until_ms = std::max(r.wait_until_ms, now + *rate.to_wait_sec * 1000);
    }
  });
}

void RateGovernor::release(std::string_view endpoint, std::uint64_t token) {
  const long pid = ::getpid();
  (void)store_->update(endpoint, [&](BudgetRecord& r) {
    std::erase(r.calls, BudgetRecord::Call{pid, token});
  });
}

void RateGovernor::note_conflict(std::string_view endpoint, int qualys_code,
                                 std::optional<std::chrono::seconds> wait) {
  if (qualys_code != 1965) return;
  const std::int64_t now = now_ms();
  (void)store_->update(endpoint, [&](BudgetRecord& r) {
    r.metering = Metering::kMetered;
    r.remaining = 0;
    r.recorded_ms = now;
    if (wait) r.wait_until_ms = std::max(r.wait_until_ms, now + wait->count() * 1000);
  });
}

BudgetRecord RateGovernor::budget(std::string_view endpoint) {
  BudgetRecord copy;
  (void)store_->update(endpoint, [&](BudgetRecord& r) { copy = r; });
  return copy;
}

}  // namespace qvm::net
