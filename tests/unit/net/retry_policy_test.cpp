// Retry decisions: what is retried, how long backoff waits, advertised limit waits, the cap.
#include "net/retry_policy.hpp"

#include <gtest/gtest.h>

#include "fake_clock.hpp"

namespace qvm::net {
namespace {

using namespace std::chrono_literals;

Failure cause(Cause c) {
  Failure f;
  f.cause = c;
  f.error = Error{ErrorKind::kNetwork, "GET https://h/p: why"};
  return f;
}

Failure qualys(int code, long status, std::optional<std::chrono::seconds> wait = std::nullopt) {
  return qualys_code_failure(Error{ErrorKind::kApi, "Qualys error", {}, code}, status, wait);
}

TEST(RetryPolicy, TransientFaultsAreRetriedPermanentOnesAreNot) {
  for (Cause c : {Cause::kConnect, Cause::kReset, Cause::kStall, Cause::kTruncated}) {
    EXPECT_TRUE(is_transient(cause(c))) << static_cast<int>(c);
  }
  for (Cause c : {Cause::kResolve, Cause::kTls, Cause::kInterrupted, Cause::kCallback}) {
    EXPECT_FALSE(is_transient(cause(c))) << static_cast<int>(c);
  }
  for (long s : {500L, 502L, 503L, 504L})
    EXPECT_TRUE(is_transient(http_status_failure(s, "GET")));
  for (long s : {400L, 401L, 403L, 404L, 413L, 414L}) {
    EXPECT_FALSE(is_transient(http_status_failure(s, "GET"))) << s;
  }
  EXPECT_EQ(http_status_failure(401, "GET").error.kind, ErrorKind::kAuth);
  EXPECT_TRUE(is_transient(qualys(1960, 409)));
  EXPECT_TRUE(is_transient(qualys(1965, 409, 30s)));
  EXPECT_TRUE(is_transient(qualys(999, 500)));
  for (int code : {1901, 1903, 1905, 1920, 2000, 2001, 2002, 2003, 7001}) {
    EXPECT_FALSE(is_transient(qualys(code, 400))) << code;
  }
}

TEST(RetryPolicy, PermanentFailureReturnsItsOwnError) {
  RetryPolicy policy(RetryOptions{});
  auto d = policy.next_delay(1, qualys(1905, 400));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().qualys_code, 1905);
  EXPECT_EQ(d.error().message, "Qualys error");
}

TEST(RetryPolicy, BackoffDoublesUpToTheCapWithJitter) {
  RetryOptions o;
  o.base = 100ms;
  o.cap = 1000ms;
  o.max_attempts = 100;
  RetryPolicy policy(o, net::Clock::system(), 42);
  EXPECT_EQ(policy.backoff(1), 100ms);
  EXPECT_EQ(policy.backoff(2), 200ms);
  EXPECT_EQ(policy.backoff(4), 800ms);
  EXPECT_EQ(policy.backoff(5), 1000ms);
  EXPECT_EQ(policy.backoff(60), 1000ms);
  std::set<long long> distinct;
  for (int attempt = 1; attempt < 40; ++attempt) {
    auto d = policy.next_delay(attempt, cause(Cause::kReset));
    ASSERT_TRUE(d);
    auto full = policy.backoff(attempt);
    EXPECT_GE(*d, full / 2);
    EXPECT_LE(*d, full);
    distinct.insert(d->count());
  }
  EXPECT_GT(distinct.size(), 5u);  // jittered, not a fixed schedule
}

TEST(RetryPolicy, GivesUpAfterMaxAttempts) {
  RetryOptions o;
  o.max_attempts = 3;
  RetryPolicy policy(o);
  EXPECT_TRUE(policy.next_delay(1, cause(Cause::kStall)));
  EXPECT_TRUE(policy.next_delay(2, cause(Cause::kStall)));
  auto d = policy.next_delay(3, cause(Cause::kStall));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(d.error().message.find("gave up after 3 attempts"), std::string::npos);
}

TEST(RetryPolicy, RateLimitWaitsTheAdvertisedTime) {
  RetryPolicy policy(RetryOptions{});
  auto d = policy.next_delay(1, qualys(1965, 409, 30s));
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, 31s);
}

TEST(RetryPolicy, ConcurrencyConflictBacksOff) {
  RetryOptions o;
  o.base = 2s;
  RetryPolicy policy(o);
  auto d = policy.next_delay(1, qualys(1960, 409));
  ASSERT_TRUE(d);
  EXPECT_GE(*d, 1s);
  EXPECT_LE(*d, 2s);
}

TEST(RetryPolicy, RateLimitPastMaxWaitSaysWhenToTryAgain) {
  test::FakeClock clock;  // 2024-01-31T12:00:00Z
  RetryOptions o;
  o.max_wait = 600s;
  RetryPolicy policy(o, clock);
  Failure f = qualys(1965, 409, 3600s);
  f.endpoint = "/api/2.0/fo/asset/host/";
  auto d = policy.next_delay(1, f);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(d.error().qualys_code, 1965);
  EXPECT_EQ(d.error().message,
            "API limit of /api/2.0/fo/asset/host/ exhausted: next call accepted at "
            "2024-01-31T13:00:00Z (in 3600 s)");
  EXPECT_NE(d.error().hint.find("--max-wait"), std::string::npos);
}

}  // namespace
}  // namespace qvm::net
