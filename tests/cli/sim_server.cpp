// The in-process simulator for CLI tests.
#include "sim_server.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>

namespace qvm::test {

sim::Options cli_sim_options(std::uint64_t hosts) {
  sim::Options options;
  options.hosts = hosts;
  options.seed = 11;
  options.limits = sim::Limits{100000, std::chrono::seconds(3600), 4};
  return options;
}

SimServer::SimServer(sim::Options options) {
  static std::atomic<int> counter{0};
  dir_ = (std::filesystem::temp_directory_path() /
          ("qvm-cli-" + std::to_string(getpid()) + "-" + std::to_string(counter++)))
             .string();
  std::filesystem::create_directories(dir_);
  sim_ = std::make_unique<sim::Simulator>(std::move(options));
  auto url = sim_->start();
  if (!url) throw std::runtime_error("simulator did not start: " + url.error().message);
  url_ = *url;
}

SimServer::~SimServer() {
  sim_->stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::vector<std::string> SimServer::env(const std::string& user,
                                        const std::string& password) const {
  return {"QUALYS_USERNAME=" + user, "QUALYS_PASSWORD=" + password,
          "XDG_CACHE_HOME=" + dir_ + "/cache", "XDG_CONFIG_HOME=" + dir_ + "/config"};
}

ProcessResult SimServer::qvm(std::vector<std::string> args,
                             const std::vector<std::string>& env) const {
  args.insert(args.begin(), project_binary("qvm"));
  args.push_back("--url");
  args.push_back(url_);
  return run_process(args, {}, env);
}

}  // namespace qvm::test
