// API calls made per endpoint, for the "calls used" report after a job. Thread-safe; one
// instance is shared by every worker of a run.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace qvm::net {

class CallCounters {
 public:
  void add(std::string_view endpoint);
  std::map<std::string, long> snapshot() const;
  long total() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, long, std::less<>> counts_;
};

}  // namespace qvm::net
