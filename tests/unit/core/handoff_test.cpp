// core::Handoff: order, the bound on items in flight, and a consumer failure reaching the
// producer.
#include "core/handoff.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace qvm::core {
namespace {

TEST(Handoff, DeliversEveryItemInOrder) {
  std::vector<int> seen;
  Handoff<int> handoff(
      [&](int& n) -> Status {
        seen.push_back(n);
        return {};
      },
      7, 3);
  for (int i = 0; i < 10000; ++i)
    ASSERT_TRUE(handoff.push(i));
  ASSERT_TRUE(handoff.close());
  ASSERT_EQ(seen.size(), 10000u);
  for (int i = 0; i < 10000; ++i)
    ASSERT_EQ(seen[static_cast<size_t>(i)], i);
}

TEST(Handoff, ClosingWithoutItemsIsFine) {
  int calls = 0;
  Handoff<int> handoff([&](int&) -> Status {
    ++calls;
    return {};
  });
  EXPECT_TRUE(handoff.close());
  EXPECT_TRUE(handoff.close()) << "a second close is a no-op";
  EXPECT_EQ(calls, 0);
}

TEST(Handoff, ProducerWaitsWhileTheQueueIsFull) {
  std::mutex mutex;
  std::condition_variable opened;
  bool open = false;
  std::atomic<int> consumed = 0;
  Handoff<int> handoff(
      [&](int&) -> Status {
        std::unique_lock lock(mutex);
        opened.wait(lock, [&] { return open; });
        ++consumed;
        return {};
      },
      2, 2);
  std::atomic<int> pushed = 0;
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i) {
      ASSERT_TRUE(handoff.push(i));
      ++pushed;
    }
  });
  // The consumer holds one batch (2), the queue two (4), the producer's pending batch one more
  // item: a 7th push completes, the 8th cannot until the consumer moves. However long we wait.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_LE(pushed.load(), 7);
  EXPECT_EQ(consumed.load(), 0);
  {
    std::lock_guard lock(mutex);
    open = true;
  }
  opened.notify_all();
  producer.join();
  ASSERT_TRUE(handoff.close());
  EXPECT_EQ(pushed.load(), 100);
  EXPECT_EQ(consumed.load(), 100);
}

TEST(Handoff, ConsumerFailureStopsTheConsumerAndReachesTheProducer) {
  std::vector<int> seen;
  Handoff<int> handoff(
      [&](int& n) -> Status {
        if (n == 5) return make_error(ErrorKind::kIo, "disk full");
        seen.push_back(n);
        return {};
      },
      1, 1);
  Status last;
  int pushes = 0;
  while (last && pushes < 1000)
    last = handoff.push(pushes++);
  ASSERT_FALSE(last) << "a push reports the consumer's failure";
  EXPECT_EQ(last.error().kind, ErrorKind::kIo);
  EXPECT_EQ(last.error().message, "disk full");
  auto closed = handoff.close();
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().message, "disk full");
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4})) << "nothing after the failure is consumed";
}

}  // namespace
}  // namespace qvm::core
