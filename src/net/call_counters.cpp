// Per-endpoint call counting.
#include "net/call_counters.hpp"

namespace qvm::net {

void CallCounters::add(std::string_view endpoint) {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(endpoint);
  if (it == counts_.end()) {
    counts_.emplace(std::string(endpoint), 1);
  } else {
    ++it->second;
  }
}

std::map<std::string, long> CallCounters::snapshot() const {
  std::lock_guard lock(mutex_);
  return {counts_.begin(), counts_.end()};
}

long CallCounters::total() const {
  std::lock_guard lock(mutex_);
  long sum = 0;
  for (const auto& [endpoint, count] : counts_)
    sum += count;
  return sum;
}

}  // namespace qvm::net
