// Starts qvm-sim as a child process, reads its URL from the first line it prints, fetches one
// document with curl and stops the child.
#include "simulator_document.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace qvm::test {

std::string simulator_document(std::uint64_t hosts) {
  const std::string sim = std::string(QVM_BIN_DIR) + "/qvm-sim";
  if (!std::filesystem::exists(sim) || std::system("curl --version >/dev/null 2>&1") != 0)
    return {};
  int out[2];
  if (pipe(out) != 0) return {};
  const std::string host_count = std::to_string(hosts);
  const pid_t child = fork();
  if (child == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execl(sim.c_str(), sim.c_str(), "--hosts", host_count.c_str(), "--port", "0",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n')
    line += c;
  std::string body;
  const std::string prefix = "listening on ";
  if (child > 0 && line.starts_with(prefix)) {
    const std::string command =
        "curl -sf -u demo:demo -H 'X-Requested-With: qvm-tests' '" + line.substr(prefix.size()) +
        "/api/2.0/fo/asset/host/vm/detection/?action=list&show_results=1&truncation_limit=0'";
    if (FILE* pipe_in = popen(command.c_str(), "r")) {
      char buffer[1 << 16];
      size_t n;
      while ((n = fread(buffer, 1, sizeof buffer, pipe_in)) > 0)
        body.append(buffer, n);
      if (pclose(pipe_in) != 0) body.clear();
    }
  }
  close(out[0]);
  if (child > 0) {
    kill(child, SIGTERM);
    waitpid(child, nullptr, 0);
  }
  return body;
}

}  // namespace qvm::test
