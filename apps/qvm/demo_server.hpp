// `--demo`: a simulated Qualys subscription started in this process on a free loopback port,
// so every command runs the real client over real HTTP without an account.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "qvm/error.hpp"

namespace qvm::cli {

struct DemoServer {
  std::shared_ptr<void> server;  // stops the simulator when the last reference goes
  std::string url;
  std::string username;
  std::string password;
};

Result<DemoServer> start_demo_server(std::uint64_t hosts);

}  // namespace qvm::cli
