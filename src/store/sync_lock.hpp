// The lock that keeps one `qvm sync` per database: an flock on `<db>.lock`, held for the whole
// run and released by the kernel whenever the process ends, SIGKILL included.
#pragma once

#include <string>

#include "qvm/error.hpp"

namespace qvm::store {

class SyncLock {
 public:
  // Fails at once (kIo, naming the holder's PID) when another process holds it.
  static Result<SyncLock> acquire(const std::string& db_path);
  SyncLock(SyncLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  SyncLock& operator=(SyncLock&&) = delete;
  ~SyncLock();

 private:
  explicit SyncLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace qvm::store
