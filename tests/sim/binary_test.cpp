// The qvm-sim binary: prints "listening on <url>" first, serves, and exits 0 on SIGTERM.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "sim_harness.hpp"

namespace qvm::sim::test {
namespace {

TEST(Binary, ListensServesAndStopsOnSigterm) {
  const std::string bin = std::string(QVM_BIN_DIR) + "/qvm-sim";
  if (!std::filesystem::exists(bin)) GTEST_SKIP() << bin << " not built (target qvm_sim_bin)";
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    execl(bin.c_str(), bin.c_str(), "--port", "0", "--hosts", "30", "--user", "alice:secret",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n')
    line += c;
  ASSERT_TRUE(line.starts_with("listening on http://127.0.0.1:")) << line;
  const int port = std::stoi(line.substr(line.rfind(':') + 1));
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get(
      "/api/2.0/fo/asset/host/?action=list&details=None",
      {httplib::make_basic_authentication_header("alice", "secret"), {"X-Requested-With", "t"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(parse_xml(res->body).root.find("RESPONSE/ID_SET")->children.size(), 30u);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(out[0]);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace qvm::sim::test
