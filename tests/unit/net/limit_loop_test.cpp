// The loop the resource layer runs, end to end over HTTP: governor slot, transfer, 409 1965 with
// an advertised wait, retry after it, success; and a 409 whose wait is past --max-wait.
#include <gtest/gtest.h>

#include "fake_clock.hpp"
#include "loopback_server.hpp"
#include "net/rate_governor.hpp"
#include "net/retry_policy.hpp"
#include "net/transport.hpp"

namespace qvm::net {
namespace {

using namespace std::chrono_literals;

const char* kBody1965 =
    "<SIMPLE_RETURN><RESPONSE><DATETIME>2024-01-31T12:00:00Z</DATETIME><CODE>1965</CODE>"
    "<TEXT>This API cannot be run again for another 45 seconds.</TEXT><ITEM_LIST><ITEM>"
    "<KEY>SECONDS_TO_WAIT</KEY><VALUE>45</VALUE></ITEM></ITEM_LIST></RESPONSE></SIMPLE_RETURN>";

// What src/api does with a body; here a crude stand-in so the test stays in this layer.
std::optional<Failure> failure_of(const TransferResult& r, const std::string& body, long wait) {
  if (r.status == 409 && body.find("<CODE>1965</CODE>") != std::string::npos) {
    return qualys_code_failure(Error{ErrorKind::kLimit, "rate limit", {}, 1965}, 409,
                               std::chrono::seconds(wait));
  }
  return std::nullopt;
}

struct Outcome {
  Status status;
  int attempts = 0;
};

Outcome run_loop(const std::string& url, RateGovernor& governor, RetryPolicy& retry,
                 test::FakeClock& clock) {
  ConnectionOptions o;
  o.connect_timeout = 2000ms;
  Transport t(o);
  std::string endpoint(url_path(url));
  for (int attempt = 1;; ++attempt) {
    auto slot = governor.acquire(endpoint);
    if (!slot) return {std::unexpected(slot.error()), attempt};
    std::string body;
    auto r =
        t.perform({Method::kGet, url, {{"action", "list"}}}, {}, [&](std::string_view c) -> Status {
          body.append(c);
          return {};
        });
    if (!r) return {std::unexpected(r.error().error), attempt};
    slot->observe(r->rate, r->status);
    slot->release();
    auto failure = failure_of(*r, body, r->rate.to_wait_sec.value_or(0));
    if (!failure) return {{}, attempt};
    failure->endpoint = endpoint;
    governor.note_conflict(endpoint, failure->qualys_code, failure->server_wait);
    auto delay = retry.next_delay(attempt, *failure);
    if (!delay) return {std::unexpected(delay.error()), attempt};
    if (auto slept = clock.sleep_for(*delay, nullptr); !slept) {
      return {std::unexpected(slept.error()), attempt};
    }
  }
}

TEST(LimitLoop, RetriesA409AfterTheAdvertisedWait) {
  test::LoopbackServer server;
  int calls = 0;
  server.http().Get("/api/2.0/fo/asset/host/vm/detection/",
                    [&](const httplib::Request&, httplib::Response& res) {
                      res.set_header("X-RateLimit-Limit", "300");
                      res.set_header("X-RateLimit-Window-Sec", "3600");
                      res.set_header("X-Concurrency-Limit-Limit", "2");
                      if (calls++ == 0) {
                        res.status = 409;
                        res.set_header("X-RateLimit-ToWait-Sec", "45");
                        res.set_header("X-RateLimit-Remaining", "0");
                        res.set_content(kBody1965, "text/xml");
                      } else {
                        res.set_header("X-RateLimit-ToWait-Sec", "0");
                        res.set_header("X-RateLimit-Remaining", "299");
                        res.set_content("<HOST_LIST_VM_DETECTION_OUTPUT/>", "text/xml");
                      }
                    });
  server.start();
  test::FakeClock clock;
  GovernorOptions g;
  g.clock = &clock;
  g.max_wait = 600s;
  RateGovernor governor(g);
  RetryOptions ro;
  ro.max_wait = 600s;
  RetryPolicy retry(ro, clock);
  auto started = clock.now();
  auto out = run_loop(server.url("/api/2.0/fo/asset/host/vm/detection/"), governor, retry, clock);
  ASSERT_TRUE(out.status) << out.status.error().message;
  EXPECT_EQ(out.attempts, 2);
  EXPECT_EQ(calls, 2);
  EXPECT_GE(clock.now() - started, 45s);
  EXPECT_LE(clock.now() - started, 47s);
}

TEST(LimitLoop, A409PastMaxWaitIsALimitErrorWithoutRetrying) {
  test::LoopbackServer server;
  int calls = 0;
  server.http().Get("/api/2.0/fo/asset/host/",
                    [&](const httplib::Request&, httplib::Response& res) {
                      ++calls;
                      res.status = 409;
                      res.set_header("X-RateLimit-ToWait-Sec", "7200");
                      res.set_header("X-RateLimit-Remaining", "0");
                      res.set_content(kBody1965, "text/xml");
                    });
  server.start();
  test::FakeClock clock;
  GovernorOptions g;
  g.clock = &clock;
  g.max_wait = 60s;
  RateGovernor governor(g);
  RetryOptions ro;
  ro.max_wait = 60s;
  RetryPolicy retry(ro, clock);
  auto out = run_loop(server.url("/api/2.0/fo/asset/host/"), governor, retry, clock);
  ASSERT_FALSE(out.status);
  EXPECT_EQ(out.status.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(out.status.error().qualys_code, 1965);
  EXPECT_NE(out.status.error().message.find("2024-01-31T14:00:00Z"), std::string::npos)
      << out.status.error().message;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(clock.slept(), 0ms);
}

}  // namespace
}  // namespace qvm::net
