// Sliding-window rate limit and concurrency limit per endpoint, the headers that report them and
// the texts of their errors.
#include "limits.hpp"

#include <fmt/format.h>
#include <charconv>

namespace qvm::sim {

void RateLimiter::expire(std::deque<Clock::time_point>& calls, Clock::time_point now) const {
  while (!calls.empty() && calls.front() + limits_.window <= now)
    calls.pop_front();
}

LimitSnapshot RateLimiter::snapshot(Endpoint e, Clock::time_point now) {
  auto& calls = calls_[e];
  expire(calls, now);
  LimitSnapshot s;
  s.limit = limits_.calls;
  s.window_sec = limits_.window.count();
  s.concurrency_limit = limits_.concurrency;
  s.running = running_[e];
  s.remaining =
      limits_.calls == 0 ? 0 : std::max(0, limits_.calls - static_cast<int>(calls.size()));
  if (limits_.calls != 0 && static_cast<int>(calls.size()) >= limits_.calls) {
    auto wait = calls.front() + limits_.window - now;
    s.to_wait_sec =
        std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::seconds>(wait).count());
  }
  return s;
}

Admission RateLimiter::admit(Endpoint e) {
  std::lock_guard lock(mutex_);
  const auto t = now();
  Admission a;
  a.headers = snapshot(e, t);
  if (limits_.concurrency != 0 && running_[e] >= limits_.concurrency) {
    a.code = 1960;
    a.calls_to_finish = running_[e] - limits_.concurrency + 1;
    return a;
  }
  if (limits_.calls != 0 && a.headers.to_wait_sec != 0) {
    a.code = 1965;
    return a;
  }
  calls_[e].push_back(t);
  ++running_[e];
  a.admitted = true;
  if (limits_.calls != 0) --a.headers.remaining;
  return a;
}

void RateLimiter::finish(Endpoint e) {
  std::lock_guard lock(mutex_);
  if (running_[e] > 0) --running_[e];
}

LimitSnapshot RateLimiter::peek(Endpoint e) {
  std::lock_guard lock(mutex_);
  return snapshot(e, now());
}

void RateLimiter::set_limits(Limits limits) {
  std::lock_guard lock(mutex_);
  limits_ = limits;
}

void RateLimiter::advance(std::chrono::seconds by) {
  std::lock_guard lock(mutex_);
  offset_ += by;
}

std::vector<std::pair<std::string, std::string>> limit_headers(const LimitSnapshot& s) {
  return {{"X-RateLimit-Limit", std::to_string(s.limit)},
          {"X-RateLimit-Window-Sec", std::to_string(s.window_sec)},
          {"X-Concurrency-Limit-Limit", std::to_string(s.concurrency_limit)},
          {"X-Concurrency-Limit-Running", std::to_string(s.running)},
          {"X-RateLimit-ToWait-Sec", std::to_string(s.to_wait_sec)},
          {"X-RateLimit-Remaining", std::to_string(s.remaining)}};
}

std::string rate_limit_text(std::int64_t seconds) {
  const auto h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
  std::string when;
  if (h != 0) {
    when = fmt::format("{} hours, {} minutes and {} seconds", h, m, s);
  } else if (m != 0) {
    when = fmt::format("{} minutes and {} seconds", m, s);
  } else {
    when = fmt::format("{} seconds", s);
  }
  return "This API cannot be run again for another " + when + ".";
}

std::string concurrency_limit_text(int calls_to_finish) {
  return calls_to_finish == 1
             ? std::string(
                   "This API cannot be run again until 1 currently running API instance "
                   "has finished.")
             : fmt::format(
                   "This API cannot be run again until {} currently running API "
                   "instances have finished.",
                   calls_to_finish);
}

}  // namespace qvm::sim

namespace qvm::sim {

std::optional<Limits> limits_profile(std::string_view name) {
  if (name == "express") return Limits{50, std::chrono::seconds(86400), 1};
  if (name == "standard") return Limits{300, std::chrono::seconds(3600), 2};
  if (name == "premium") return Limits{2000, std::chrono::seconds(3600), 10};
  if (name == "none") return Limits{0, std::chrono::seconds(3600), 0};
  return std::nullopt;
}

Result<Limits> parse_rate_limit(std::string_view text, Limits base) {
  auto slash = text.find('/');
  int calls = 0;
  std::int64_t window = 0;
  auto bad = [&] {
    return make_error(ErrorKind::kUsage, fmt::format("invalid rate limit '{}'", text),
                      "use CALLS/SECONDS, e.g. 300/3600");
  };
  if (slash == std::string_view::npos) return bad();
  auto a = text.substr(0, slash), b = text.substr(slash + 1);
  auto [p1, e1] = std::from_chars(a.data(), a.data() + a.size(), calls);
  auto [p2, e2] = std::from_chars(b.data(), b.data() + b.size(), window);
  if (e1 != std::errc() || e2 != std::errc() || p1 != a.data() + a.size() ||
      p2 != b.data() + b.size() || calls < 0 || window <= 0) {
    return bad();
  }
  base.calls = calls;
  base.window = std::chrono::seconds(window);
  return base;
}

}  // namespace qvm::sim
