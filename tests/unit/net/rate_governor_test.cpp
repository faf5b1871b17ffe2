// The limits governor: concurrency never above the advertised limit (counted by a real server),
// waits for an exhausted budget, the max-wait cap, cancel, and budgets shared through the cache
// file between governors and between processes.
#include "net/rate_governor.hpp"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "fake_clock.hpp"
#include "loopback_server.hpp"
#include "net/transport.hpp"

namespace qvm::net {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kHosts = "/api/2.0/fo/asset/host/";

RateHeaders headers(long remaining, long concurrency, long to_wait = 0) {
  RateHeaders r;
  r.limit = 300;
  r.window_sec = 3600;
  r.remaining = remaining;
  r.to_wait_sec = to_wait;
  r.concurrency_limit = concurrency;
  r.concurrency_running = 0;
  return r;
}

TEST(RateGovernor, NeverExceedsTheAdvertisedConcurrency) {
  std::atomic<int> running{0}, peak{0}, served{0};
  test::LoopbackServer server;
  server.http().new_task_queue = [] { return new httplib::ThreadPool(8); };
  server.http().Get(std::string(kHosts), [&](const httplib::Request&, httplib::Response& res) {
    int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(30ms);
    res.set_header("X-RateLimit-Limit", "300");
    res.set_header("X-RateLimit-Window-Sec", "3600");
    res.set_header("X-Concurrency-Limit-Limit", "2");
    res.set_header("X-Concurrency-Limit-Running", std::to_string(now));
    res.set_header("X-RateLimit-ToWait-Sec", "0");
    res.set_header("X-RateLimit-Remaining", std::to_string(299 - served++));
    --running;
    res.set_content("<HOST_LIST/>", "text/xml");
  });
  server.start();

  GovernorOptions g;
  g.server = server.url("");
  g.user = "user";
  g.poll = 2ms;
  RateGovernor governor(g);
  ConnectionOptions o;
  o.connect_timeout = 2000ms;
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 6; ++w) {
    workers.emplace_back([&] {
      Transport t(o);
      for (int i = 0; i < 4; ++i) {
        auto slot = governor.acquire(kHosts);
        if (!slot) {
          ++failures;
          return;
        }
        auto r = t.perform({Method::kGet, server.url(std::string(kHosts))}, {}, {});
        if (!r) {
          ++failures;
          return;
        }
        slot->observe(r->rate, r->status);
      }
    });
  }
  for (auto& w : workers)
    w.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(served, 24);
  EXPECT_LE(peak, 2);
  EXPECT_EQ(peak, 2);  // and it does use what it is allowed
  auto b = governor.budget(kHosts);
  EXPECT_EQ(b.concurrency, 2);
  EXPECT_EQ(b.remaining, 299 - 23);
  EXPECT_TRUE(b.calls.empty());
}

TEST(RateGovernor, StartsWithOneCallUntilTheLimitIsKnown) {
  GovernorOptions g;
  g.max_wait = 0s;
  g.poll = 1ms;
  test::FakeClock clock;
  g.clock = &clock;
  RateGovernor governor(g);
  auto first = governor.acquire(kHosts);
  ASSERT_TRUE(first);
  std::atomic<bool> second_granted{false};
  std::thread other([&] {
    auto second = governor.acquire(kHosts);
    second_granted = second.has_value();
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(second_granted);
  first->observe(headers(290, 2), 200);
  first->release();
  other.join();
  EXPECT_TRUE(second_granted);
}

TEST(RateGovernor, UnmeteredEndpointIsNotLimited) {
  RateGovernor governor(GovernorOptions{});
  auto first = governor.acquire("/qps/rest/2.0/search/am/hostasset");
  ASSERT_TRUE(first);
  first->observe(RateHeaders{}, 200);
  std::vector<RateGovernor::Slot> held;
  for (int i = 0; i < 20; ++i) {
    auto s = governor.acquire("/qps/rest/2.0/search/am/hostasset");
    ASSERT_TRUE(s);
    held.push_back(std::move(*s));
  }
}

TEST(RateGovernor, WaitsToWaitSecondsWhenTheBudgetIsSpent) {
  test::FakeClock clock;
  GovernorOptions g;
  g.clock = &clock;
  g.max_wait = 600s;
  std::vector<std::string> notices;
  g.on_wait = [&](std::string_view n) { notices.emplace_back(n); };
  RateGovernor governor(g);
  {
    auto slot = governor.acquire(kHosts);
    ASSERT_TRUE(slot);
    slot->observe(headers(0, 2, 30), 200);
  }
  auto before = clock.now();
  auto slot = governor.acquire(kHosts);
  ASSERT_TRUE(slot);
  EXPECT_EQ(clock.now() - before, 30s);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0], "waiting 30 s for the rate limit of /api/2.0/fo/asset/host/");
}

TEST(RateGovernor, BudgetSpentWithoutToWaitPastMaxWaitIsLimitError) {
  test::FakeClock clock;  // 2024-01-31T12:00:00Z
  GovernorOptions g;
  g.clock = &clock;
  g.max_wait = 600s;
  RateGovernor governor(g);
  {
    auto slot = governor.acquire(kHosts);
    ASSERT_TRUE(slot);
    slot->observe(headers(0, 2, 0), 200);  // no ToWait: the whole window
  }
  auto slot = governor.acquire(kHosts);
  ASSERT_FALSE(slot);
  EXPECT_EQ(slot.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(slot.error().message,
            "API limit of /api/2.0/fo/asset/host/ exhausted: next call accepted at "
            "2024-01-31T13:00:00Z (in 3600 s)");
  EXPECT_EQ(clock.slept(), 0ms);  // does not sleep before giving up
}

TEST(RateGovernor, ConflictWaitIsHonouredOrRefused) {
  test::FakeClock clock;
  GovernorOptions g;
  g.clock = &clock;
  g.max_wait = 120s;
  RateGovernor governor(g);
  governor.note_conflict(kHosts, 1965, 90s);
  auto before = clock.now();
  ASSERT_TRUE(governor.acquire(kHosts));
  EXPECT_EQ(clock.now() - before, 90s);

  governor.note_conflict(kHosts, 1965, 7200s);
  auto refused = governor.acquire(kHosts);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kLimit);
  EXPECT_NE(refused.error().message.find("2024-01-31T14:01:30Z"), std::string::npos)
      << refused.error().message;
}

TEST(RateGovernor, WaitIsInterruptedByCancel) {
  std::atomic<bool> cancel{false};
  GovernorOptions g;
  g.cancel = &cancel;
  RateGovernor governor(g);
  governor.note_conflict(kHosts, 1965, 30s);
  std::thread ctrl_c([&] {
    std::this_thread::sleep_for(100ms);
    cancel = true;
  });
  auto started = std::chrono::steady_clock::now();
  auto slot = governor.acquire(kHosts);
  ctrl_c.join();
  ASSERT_FALSE(slot);
  EXPECT_EQ(slot.error().kind, ErrorKind::kInterrupted);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST(RateGovernor, TwoGovernorsShareOneBudgetFile) {
  test::TempDir dir;
  test::FakeClock clock;
  GovernorOptions g;
  g.server = "https://qualysapi.qualys.com";
  g.user = "acme_ab";
  g.cache_dir = dir.path();
  g.clock = &clock;
  g.max_wait = 0s;
  RateGovernor a(g), b(g);
  {
    auto slot = a.acquire(kHosts);
    ASSERT_TRUE(slot);
    slot->observe(headers(3, 2), 200);
  }
  int granted = 0, refused = 0;
  for (int i = 0; i < 6; ++i) {
    auto slot = (i % 2 ? b : a).acquire(kHosts);
    if (slot) {
      ++granted;
    } else {
      EXPECT_EQ(slot.error().kind, ErrorKind::kLimit);
      ++refused;
    }
  }
  EXPECT_EQ(granted, 3);
  EXPECT_EQ(refused, 3);
  // A different user has a budget of its own.
  g.user = "other_user";
  RateGovernor c(g);
  EXPECT_TRUE(c.acquire(kHosts));
  // The file names no user.
  for (auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find("acme"), std::string::npos);
  }
}

TEST(RateGovernor, TwoProcessesShareBudgetAndConcurrency) {
  test::TempDir dir;
  GovernorOptions g;
  g.server = "https://qualysapi.qualys.com";
  g.user = "acme_ab";
  g.cache_dir = dir.path();
  g.max_wait = 0s;
  g.poll = 1ms;
  {
    RateGovernor setup(g);
    auto slot = setup.acquire(kHosts);
    ASSERT_TRUE(slot);
    slot->observe(headers(10, 1), 200);  // 10 calls left, one at a time
  }
  struct Shared {
    std::atomic<int> granted, holding, peak;
  };
  void* mem =
      ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(mem, MAP_FAILED);
  auto* shared = new (mem) Shared{};
  auto run = [&] {
    RateGovernor governor(g);
    for (int i = 0; i < 8; ++i) {
      auto slot = governor.acquire(kHosts);
      if (!slot) continue;
      ++shared->granted;
      int now = ++shared->holding;
      int seen = shared->peak.load();
      while (now > seen && !shared->peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(3ms);
      --shared->holding;
    }
  };
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    run();
    ::_exit(0);
  }
  run();
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(shared->granted.load(), 10);  // 16 tried, the budget held 10
  EXPECT_EQ(shared->peak.load(), 1);
  ::munmap(mem, sizeof(Shared));
}

TEST(RateGovernor, ReservationsOfDeadProcessesAreDropped) {
  test::TempDir dir;
  GovernorOptions g;
  g.server = "https://h";
  g.user = "u";
  g.cache_dir = dir.path();
  g.max_wait = 0s;
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    RateGovernor governor(g);
    auto slot = governor.acquire(kHosts);
    if (slot) slot->observe(headers(50, 1), 200);
    ::_exit(0);  // dies holding its slot, as a crash would
  }
  ::waitpid(child, nullptr, 0);
  FileBudgetStore store(dir.path(), g.server, g.user);
  ASSERT_TRUE(store.update(kHosts, [&](BudgetRecord& r) {
    r.concurrency = 1;
    r.calls.push_back({child, 77});
  }));
  RateGovernor governor(g);
  auto slot = governor.acquire(kHosts);
  ASSERT_TRUE(slot) << slot.error().message;
}

}  // namespace
}  // namespace qvm::net

namespace qvm::net {
namespace {

TEST(RateGovernorZeroLimit, AZeroLimitMeansNoLimitNotNoCalls) {
  GovernorOptions options;
  options.server = "http://127.0.0.1:1";
  options.user = "u";
  options.max_wait = std::chrono::seconds(1);
  RateGovernor governor(options);
  RateHeaders unlimited;
  unlimited.limit = 0;
  unlimited.window_sec = 3600;
  unlimited.remaining = 0;
  unlimited.concurrency_limit = 0;
  for (int i = 0; i < 5; ++i) {
    auto slot = governor.acquire("/api/2.0/fo/asset/host/");
    ASSERT_TRUE(slot) << slot.error().message;
    slot->observe(unlimited, 200);
  }
  EXPECT_EQ(governor.budget("/api/2.0/fo/asset/host/").metering, Metering::kUnmetered);
}

}  // namespace
}  // namespace qvm::net
