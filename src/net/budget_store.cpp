// The in-memory and the flock()ed file budget stores.
#include "net/budget_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace qvm::net {
namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

Error io_error(const std::filesystem::path& path, std::string_view doing) {
  return Error{ErrorKind::kIo,
               "limit budget file " + path.string() + ": " + std::string(doing) + ": " +
                   std::strerror(errno),
               "check permissions of the cache directory, or remove the file"};
}

// Closes the descriptor (which also drops the flock) on every path out.
struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Status MemoryBudgetStore::update(std::string_view endpoint,
                                 const std::function<void(BudgetRecord&)>& change) {
  std::lock_guard lock(mutex_);
  auto it = records_.find(endpoint);
  if (it == records_.end()) it = records_.emplace(std::string(endpoint), BudgetRecord{}).first;
  change(it->second);
  return {};
}

FileBudgetStore::FileBudgetStore(std::filesystem::path dir, std::string server, std::string user)
    : dir_(std::move(dir)), server_(std::move(server)), user_(std::move(user)) {}

std::filesystem::path FileBudgetStore::file_for(std::string_view endpoint) const {
  char name[40];
  std::snprintf(name, sizeof name, "budget-%016llx",
                static_cast<unsigned long long>(
                    fnv1a(server_ + '\n' + user_ + '\n' + std::string(endpoint))));
  return dir_ / name;
}

Status FileBudgetStore::update(std::string_view endpoint,
                               const std::function<void(BudgetRecord&)>& change) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (!ec) {
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
  }
  auto path = file_for(endpoint);
  FileDescriptor file{::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)};
  if (file.fd < 0) return std::unexpected(io_error(path, "cannot open"));
  while (::flock(file.fd, LOCK_EX) != 0) {
    if (errno != EINTR) return std::unexpected(io_error(path, "cannot lock"));
  }
  std::string text;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::unexpected(io_error(path, "cannot read"));
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  BudgetRecord record = parse_budget(text);
  change(record);
  std::string out = serialize_budget(record);
  if (::ftruncate(file.fd, 0) != 0 ||
      ::pwrite(file.fd, out.data(), out.size(), 0) != static_cast<ssize_t>(out.size())) {
    return std::unexpected(io_error(path, "cannot write"));
  }
  return {};
}

std::unique_ptr<BudgetStore> make_budget_store(const std::filesystem::path& cache_dir,
                                               std::string server, std::string user) {
  if (cache_dir.empty()) return std::make_unique<MemoryBudgetStore>();
  return std::make_unique<FileBudgetStore>(cache_dir, std::move(server), std::move(user));
}

}  // namespace qvm::net
