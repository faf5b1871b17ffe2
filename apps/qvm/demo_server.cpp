// The --demo subscription: qvm-sim in-process with the demo user, generous limits so that a
// demo never waits, and the real client talking to it over loopback HTTP.
#include "demo_server.hpp"

#include "qvm_sim/simulator.hpp"

namespace qvm::cli {

Result<DemoServer> start_demo_server(std::uint64_t hosts) {
  sim::Options options;
  options.hosts = hosts;
  options.seed = 1;
  options.users = {{"demo", "demo"}};
  options.limits = *sim::limits_profile("premium");
  auto simulator = std::make_shared<sim::Simulator>(options);
  auto url = simulator->start();
  if (!url) return std::unexpected(url.error());
  return DemoServer{simulator, *url, "demo", "demo"};
}

}  // namespace qvm::cli
