// A qvm-sim started inside the test process, for tests that run the real qvm binary against it
// with --url, and the environment those runs need (credentials, a private cache directory).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "qvm_sim/simulator.hpp"
#include "support/process.hpp"

namespace qvm::test {

class SimServer {
 public:
  explicit SimServer(sim::Options options);
  ~SimServer();

  sim::Simulator& sim() { return *sim_; }
  const std::string& url() const { return url_; }
  // QUALYS_USERNAME/PASSWORD for demo/demo and XDG_CACHE_HOME/XDG_CONFIG_HOME in a private dir.
  std::vector<std::string> env(const std::string& user = "demo",
                               const std::string& password = "demo") const;
  const std::string& dir() const { return dir_; }

  // Runs `qvm <args…> --url <this server>`.
  ProcessResult qvm(std::vector<std::string> args, const std::vector<std::string>& env) const;
  ProcessResult qvm(std::vector<std::string> args) const { return qvm(std::move(args), env()); }

 private:
  std::unique_ptr<sim::Simulator> sim_;
  std::string url_;
  std::string dir_;
};

sim::Options cli_sim_options(std::uint64_t hosts);

}  // namespace qvm::test
