// Fault injection: which rule (if any) fires on the n-th call of an endpoint, decided from the
// seed so that a run is reproducible.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "qvm_sim/options.hpp"

namespace qvm::sim {

class FaultPlan {
 public:
  FaultPlan(std::uint64_t seed, std::vector<FaultRule> rules)
      : seed_(seed), rules_(std::move(rules)) {}

  // Counts a call of `endpoint` and returns the first rule that fires on it.
  std::optional<FaultRule> on_call(Endpoint endpoint);
  void set(std::vector<FaultRule> rules);
  void add(FaultRule rule);

 private:
  std::mutex mutex_;
  std::uint64_t seed_;
  std::vector<FaultRule> rules_;
  std::map<Endpoint, std::uint64_t> calls_;
};

}  // namespace qvm::sim
