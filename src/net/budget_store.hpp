// Where budget records live: in this process only, or in files under the user's cache directory
// so that qvm processes running at the same time share one budget per (server, user, endpoint).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "net/budget_record.hpp"
#include "qvm/error.hpp"

namespace qvm::net {

class BudgetStore {
 public:
  virtual ~BudgetStore() = default;
  // Runs `change` on the endpoint's record with exclusive access (across processes for the file
  // store) and keeps what it leaves.
  virtual Status update(std::string_view endpoint,
                        const std::function<void(BudgetRecord&)>& change) = 0;
};

class MemoryBudgetStore final : public BudgetStore {
 public:
  Status update(std::string_view endpoint,
                const std::function<void(BudgetRecord&)>& change) override;

 private:
  std::mutex mutex_;
  std::map<std::string, BudgetRecord, std::less<>> records_;
};

// One file per (server, user, endpoint) in `dir` (created 0700), named by a hash so that no user
// name appears on disk; updated under flock(LOCK_EX).
class FileBudgetStore final : public BudgetStore {
 public:
  FileBudgetStore(std::filesystem::path dir, std::string server, std::string user);
  Status update(std::string_view endpoint,
                const std::function<void(BudgetRecord&)>& change) override;
  std::filesystem::path file_for(std::string_view endpoint) const;

 private:
  std::filesystem::path dir_;
  std::string server_;
  std::string user_;
};

std::unique_ptr<BudgetStore> make_budget_store(const std::filesystem::path& cache_dir,
                                               std::string server, std::string user);

}  // namespace qvm::net
