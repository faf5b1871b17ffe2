// Wall-clock time and interruptible sleeping, behind an interface so tests can run waits of
// hours in no time. Wall time (not steady) because budgets are shared between processes.
#pragma once

#include <atomic>
#include <chrono>

#include "qvm/error.hpp"

namespace qvm::net {

using WallTime = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual WallTime now() = 0;
  // Sleeps for `d`, waking early with a kInterrupted error when *cancel becomes true.
  virtual Status sleep_for(std::chrono::milliseconds d, const std::atomic<bool>* cancel) = 0;

  // The real clock; sleeps in short slices so a cancel is seen within ~50 ms.
  static Clock& system();
};

Error interrupted_error();

}  // namespace qvm::net
