// Starting a simulator and a client for each integration test.
#include "sim_client.hpp"

#include <gtest/gtest.h>

namespace qvm::test {

sim::Options test_sim_options(std::uint64_t hosts) {
  sim::Options options;
  options.hosts = hosts;
  options.seed = 7;
  options.limits = sim::Limits{100000, std::chrono::seconds(3600), 4};
  return options;
}

ConnectionOptions fast_connection(const std::string& url) {
  ConnectionOptions c;
  c.base_url = url;
  c.credentials = {"demo", "demo"};
  c.retry.base = std::chrono::milliseconds(5);
  c.retry.cap = std::chrono::milliseconds(50);
  c.retry.max_attempts = 6;
  c.stall_timeout = std::chrono::seconds(2);
  return c;
}

SimClient start_sim_client(sim::Options options, ConnectionOptions connection,
                           ClientOptions client_options) {
  SimClient sc;
  sc.sim = std::make_unique<sim::Simulator>(std::move(options));
  auto url = sc.sim->start();
  if (!url) throw std::runtime_error("simulator did not start: " + url.error().message);
  sc.url = *url;
  if (connection.base_url.empty()) connection = fast_connection(sc.url);
  sc.warnings = std::make_shared<std::string>();
  auto warnings = sc.warnings;
  connection.on_warning = [warnings](std::string_view w) {
    warnings->append(w);
    warnings->push_back('\n');
  };
  sc.client = std::make_unique<Client>(std::move(connection), client_options);
  return sc;
}

}  // namespace qvm::test
