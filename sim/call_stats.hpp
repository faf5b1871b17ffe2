// What the server has seen, per endpoint: calls, statuses, injected faults and the most calls in
// flight at once (Simulator::stats()).
#pragma once

#include <map>
#include <mutex>

#include "qvm_sim/simulator.hpp"

namespace qvm::sim {

// Thread-safe.
class CallStats {
 public:
  // A call was routed to `endpoint`.
  void begin(Endpoint endpoint);
  // Its response is finished (or abandoned) with `status`.
  void end(Endpoint endpoint, int status, bool fault);

  Stats snapshot() const;
  // Forgets the counts; calls in flight still end normally.
  void reset();

 private:
  mutable std::mutex mutex_;
  Stats stats_;
  std::map<Endpoint, int> in_flight_;
};

}  // namespace qvm::sim
