// The real clock.
#include "net/clock.hpp"

#include <algorithm>
#include <thread>

namespace qvm::net {
namespace {

class SystemClock final : public Clock {
 public:
  WallTime now() override { return std::chrono::system_clock::now(); }

  Status sleep_for(std::chrono::milliseconds d, const std::atomic<bool>* cancel) override {
    auto deadline = std::chrono::steady_clock::now() + d;
    for (;;) {
      if (cancel && cancel->load()) return std::unexpected(interrupted_error());
      auto left = deadline - std::chrono::steady_clock::now();
      if (left <= std::chrono::steady_clock::duration::zero()) return {};
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(50)));
    }
  }
};

}  // namespace

Clock& Clock::system() {
  static SystemClock clock;
  return clock;
}

Error interrupted_error() {
  return Error{ErrorKind::kInterrupted, "interrupted: cancelled by the user"};
}

}  // namespace qvm::net
