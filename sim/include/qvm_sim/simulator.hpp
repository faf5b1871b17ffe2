// qvm-sim as a library: an HTTP(S) server on loopback that speaks the Qualys VM and QPS wire
// protocol from a generated dataset, enforces the limits and injects faults. Used by the qvm-sim
// binary, by tests (in-process, ephemeral port) and by `qvm --demo`.
//
//   qvm::sim::Simulator sim({.hosts = 1000});
//   auto url = sim.start();            // "http://127.0.0.1:43211"
//   ... talk HTTP to *url ...
//   sim.stop();                        // or let the destructor do it
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "qvm/error.hpp"
#include "qvm_sim/dataset.hpp"
#include "qvm_sim/options.hpp"

namespace qvm::sim {

// What the server has seen since start (or reset_stats()).
struct EndpointStats {
  std::uint64_t calls = 0;                // requests routed to the endpoint (all outcomes)
  std::map<int, std::uint64_t> statuses;  // HTTP status → responses
  int max_concurrent = 0;                 // most requests of this endpoint in flight at once
  std::uint64_t faults = 0;               // injected faults
};
struct Stats {
  std::map<std::string, EndpointStats> endpoints;  // by endpoint_path()
  std::uint64_t total_calls = 0;
  // The endpoint's stats, or an all-zero record if it was never called.
  EndpointStats of(Endpoint e) const;
};

class Simulator {
 public:
  explicit Simulator(Options options);
  ~Simulator();  // stops the server if running
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Binds and starts serving on a background thread. Returns the base URL
  // ("http://127.0.0.1:PORT" or "https://…"), or kNetwork if the address cannot be bound, kIo if
  // the CA file cannot be written. REQUIRES: not already started.
  Result<std::string> start();
  // Stops accepting, ends in-flight responses and joins the server threads. Idempotent.
  void stop();
  // Blocks until stop() is called from another thread (the binary's main loop).
  void wait();

  const std::string& base_url() const;
  int port() const;
  const Options& options() const;

  // The data every endpoint serves, as qvm records. view() is a consistent snapshot.
  const Dataset& dataset() const;
  // Moves simulated time: later responses see new hosts, new/fixed/reopened detections and
  // modified KB entries, and the rate-limit window slides by the same amount. Thread-safe.
  void advance_clock(std::chrono::seconds by);

  // Thread-safe; effective for requests that start after the call.
  void set_limits(Limits limits);
  void set_faults(std::vector<FaultRule> rules);
  void add_fault(FaultRule rule);
  void clear_faults();

  Stats stats() const;
  void reset_stats();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qvm::sim
