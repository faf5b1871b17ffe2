// flock(2) on a side file: SQLite's own locks last one transaction, a sync lasts many.
#include "store/sync_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qvm::store {

Result<SyncLock> SyncLock::acquire(const std::string& db_path) {
  std::string path = db_path + ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return make_error(ErrorKind::kIo, path + ": cannot open the sync lock: " + std::strerror(errno),
                      "check that the database's folder is writable");
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int why = errno;
    char pid[32] = {};
    ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    ::close(fd);
    if (why == EWOULDBLOCK) {
      std::string holder = n > 0 ? " (pid " + std::string(pid, static_cast<size_t>(n)) + ")" : "";
      return make_error(ErrorKind::kIo,
                        db_path + ": another qvm sync is running on this database" + holder,
                        "wait for it to finish; the database is not touched by this run");
    }
    return make_error(ErrorKind::kIo, path + ": cannot lock: " + std::strerror(why));
  }
  std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
  return SyncLock(fd);
}

SyncLock::~SyncLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace qvm::store
