// An in-process qvm-sim on 127.0.0.1 and a libqvm Client pointed at it, for integration tests.
#pragma once

#include <memory>
#include <string>

#include "qvm/client.hpp"
#include "qvm_sim/simulator.hpp"

namespace qvm::test {

// Options for tests: no rate limit worth waiting for, small retry delays.
sim::Options test_sim_options(std::uint64_t hosts = 120);

struct SimClient {
  std::unique_ptr<sim::Simulator> sim;
  std::string url;
  std::unique_ptr<Client> client;
  std::shared_ptr<std::string> warnings;  // every warning the client reported
};

// Starts the simulator and a client for user demo/demo (override with `connection`).
SimClient start_sim_client(sim::Options options, ConnectionOptions connection = {},
                           ClientOptions client_options = {});

// Connection options to a running simulator with fast retries.
ConnectionOptions fast_connection(const std::string& url);

}  // namespace qvm::test
