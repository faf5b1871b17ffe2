// The summary a command prints on stderr when it ends: what it produced, the API calls it used
// per endpoint, the limits left, and the time it took.
#pragma once

#include <chrono>
#include <string>

#include "qvm/client.hpp"

namespace qvm::cli {

class RunSummary {
 public:
  RunSummary() : started_(std::chrono::steady_clock::now()) {}
  // `what` is the first line, e.g. "120 hosts, 2,345 detections".
  void print(const Client& client, const std::string& what) const;
  double elapsed_seconds() const;

 private:
  std::chrono::steady_clock::time_point started_;
};

// 1234567 → "1,234,567".
std::string with_commas(std::uint64_t n);

}  // namespace qvm::cli
