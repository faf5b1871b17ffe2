// Runs a program (the real qvm binary) and captures its exit code, stdout and stderr.
#pragma once

#include <string>
#include <vector>

namespace qvm::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `args[0]` with `args`, feeding `input` on stdin. Environment is inherited plus `env`
// ("NAME=value" entries).
ProcessResult run_process(const std::vector<std::string>& args, const std::string& input = {},
                          const std::vector<std::string>& env = {});

// Path of a binary built by this project (build/bin/NAME).
std::string project_binary(const std::string& name);

}  // namespace qvm::test
