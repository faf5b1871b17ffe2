// A clock for tests: time moves only when someone sleeps, so waits of an hour take no time.
#pragma once

#include <atomic>
#include <chrono>
#include <thread>

#include "net/clock.hpp"

namespace qvm::test {

class FakeClock final : public net::Clock {
 public:
  explicit FakeClock(net::WallTime start = net::WallTime(std::chrono::seconds(1'706'702'400)))
      : now_ms_(std::chrono::duration_cast<std::chrono::milliseconds>(start.time_since_epoch())
                    .count()) {}

  net::WallTime now() override { return net::WallTime(std::chrono::milliseconds(now_ms_.load())); }

  Status sleep_for(std::chrono::milliseconds d, const std::atomic<bool>* cancel) override {
    if (cancel && cancel->load()) return std::unexpected(net::interrupted_error());
    now_ms_ += d.count();
    slept_ms_ += d.count();
    std::this_thread::sleep_for(std::chrono::microseconds(200));  // let other threads run
    return {};
  }

  std::chrono::milliseconds slept() const { return std::chrono::milliseconds(slept_ms_.load()); }

 private:
  std::atomic<long long> now_ms_;
  std::atomic<long long> slept_ms_{0};
};

}  // namespace qvm::test
