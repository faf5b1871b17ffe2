// The limits governor: before each call it takes a slot for the endpoint, keeping calls at or
// under the advertised concurrency and waiting out an exhausted rate budget; after each
// response it learns the budget from the limit headers. Budgets may be shared between
// processes through the cache directory.
//
// Threads: one governor is shared by all workers of a run; every member is thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "net/budget_store.hpp"
#include "net/clock.hpp"
#include "qvm/call_log.hpp"
#include "qvm/error.hpp"

namespace qvm::net {

struct GovernorOptions {
  std::string server;  // base URL: budgets are per (server, user, endpoint)
  std::string user;
  std::filesystem::path cache_dir;     // empty: budget known to this process only
  std::chrono::seconds max_wait{600};  // longer rate waits are a kLimit error instead
  int initial_concurrency = 1;         // before an endpoint has told us its limit
  std::chrono::milliseconds poll{50};  // re-check interval while all slots are taken
  const std::atomic<bool>* cancel = nullptr;
  Clock* clock = nullptr;                         // null: the system clock
  std::function<void(std::string_view)> on_wait;  // "waiting N s for the rate limit of ..."
};

class RateGovernor {
 public:
  // A reserved call. Release it (or let it go out of scope) when the response is done.
  class Slot {
   public:
    Slot(Slot&& other) noexcept;
    Slot& operator=(Slot&& other) noexcept;
    ~Slot();
    // Feed the limit headers of this call's response; `http_status` tells a real answer of the
    // endpoint (2xx without headers means it is not metered) from a proxy's error page.
    void observe(const RateHeaders& rate, long http_status);
    void release();

   private:
    friend class RateGovernor;
    Slot(RateGovernor* governor, std::string endpoint, std::uint64_t token);
    RateGovernor* governor_ = nullptr;
    std::string endpoint_;
    std::uint64_t token_ = 0;
  };

  explicit RateGovernor(GovernorOptions options);

  // Blocks until the endpoint (a URL path) has a free slot and budget. Errors: kLimit when the
  // budget returns later than max_wait from now, kInterrupted on cancel, kIo for the file.
  Result<Slot> acquire(std::string_view endpoint);

  // A 409 1965 body's SECONDS_TO_WAIT (or the header's): every worker and process holds back
  // until then. 1960 needs nothing here: the retry policy backs off.
  void note_conflict(std::string_view endpoint, int qualys_code,
                     std::optional<std::chrono::seconds> wait);

  // The endpoint's record as it stands (for `qvm limits` and tests).
  BudgetRecord budget(std::string_view endpoint);

 private:
  void observe(std::string_view endpoint, const RateHeaders& rate, long http_status,
               std::uint64_t token);
  void release(std::string_view endpoint, std::uint64_t token);
  std::int64_t now_ms();

  GovernorOptions options_;
  Clock& clock_;
  std::unique_ptr<BudgetStore> store_;
};

}  // namespace qvm::net
