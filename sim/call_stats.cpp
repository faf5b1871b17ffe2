// Per-endpoint call counts, statuses, faults and peak concurrency.
#include "call_stats.hpp"

#include <algorithm>
#include <string>

namespace qvm::sim {

EndpointStats Stats::of(Endpoint e) const {
  auto it = endpoints.find(std::string(endpoint_path(e)));
  return it == endpoints.end() ? EndpointStats{} : it->second;
}

void CallStats::begin(Endpoint e) {
  std::lock_guard lock(mutex_);
  auto& s = stats_.endpoints[std::string(endpoint_path(e))];
  ++s.calls;
  ++stats_.total_calls;
  s.max_concurrent = std::max(s.max_concurrent, ++in_flight_[e]);
}

void CallStats::end(Endpoint e, int status, bool fault) {
  std::lock_guard lock(mutex_);
  auto& s = stats_.endpoints[std::string(endpoint_path(e))];
  ++s.statuses[status];
  if (fault) ++s.faults;
  --in_flight_[e];
}

Stats CallStats::snapshot() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void CallStats::reset() {
  std::lock_guard lock(mutex_);
  stats_ = Stats{};
}

}  // namespace qvm::sim
