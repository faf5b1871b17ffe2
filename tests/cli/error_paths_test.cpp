// Every error a user can meet, through the real binary: message, hint, exit code, and nothing
// half-done presented as complete. Also: no secret ever appears in any output.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "sim_server.hpp"

namespace qvm {
namespace {

using test::cli_sim_options;
using test::SimServer;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ErrorPaths, BadCredentialsExitThree) {
  SimServer server(cli_sim_options(10));
  auto r = server.qvm({"vulns", "--all"}, server.env("demo", "not-the-password"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(has(r.err, "qvm: error: host list: Qualys 2000: Bad Login/Password")) << r.err;
  EXPECT_TRUE(has(r.err, "hint: check the user name, the password and the platform URL"));
  EXPECT_EQ(r.out, "");
}

TEST(ErrorPaths, ExpiredAccountExitsThree) {
  auto options = cli_sim_options(10);
  options.users.push_back({"old", "pw"});
  options.expired_users = {"old"};
  SimServer server(options);
  auto r = server.qvm({"login-check"}, server.env("old", "pw"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(has(r.err, "Qualys 2001: This account has expired.")) << r.err;
}

TEST(ErrorPaths, NetworkDownExitsSix) {
  SimServer server(cli_sim_options(5));
  std::vector<std::string> args = {test::project_binary("qvm"), "hosts", "--all", "--url",
                                   "http://127.0.0.1:9"};
  auto r = test::run_process(args, {}, server.env());
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_TRUE(has(r.err, "qvm: error: host list:")) << r.err;
}

TEST(ErrorPaths, TlsWithoutTheCaExitsSixAndWithItWorks) {
  auto options = cli_sim_options(5);
  options.tls = true;
  auto ca =
      std::filesystem::temp_directory_path() / ("qvm-ca-" + std::to_string(getpid()) + ".pem");
  options.ca_file = ca.string();
  SimServer server(options);
  auto refused = server.qvm({"login-check"});
  EXPECT_EQ(refused.exit_code, 6) << refused.err;
  EXPECT_TRUE(has(refused.err, "--cacert")) << refused.err;
  auto ok = server.qvm({"login-check", "--cacert", ca.string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(has(ok.out, "ok: logged in to https://127.0.0.1:"));
  auto insecure = server.qvm({"login-check", "--insecure"});
  EXPECT_EQ(insecure.exit_code, 0) << insecure.err;
  EXPECT_TRUE(has(insecure.err, "qvm: warning: TLS certificate verification is disabled"));
  std::filesystem::remove(ca);
}

TEST(ErrorPaths, LimitExhaustedPastMaxWaitExitsFive) {
  auto options = cli_sim_options(10);
  options.limits = sim::Limits{1, std::chrono::seconds(3600), 2};  // one call per hour
  SimServer server(options);
  auto first = server.qvm({"vulns", "--all", "--format", "csv"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto r = server.qvm(
      {"vulns", "--all", "--max-wait", "5", "-o", server.dir() + "/out.csv", "--format", "csv"});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_TRUE(has(r.err, "qvm: error: host list:")) << r.err;
  EXPECT_TRUE(has(r.err, "next call accepted at 20")) << "says when to try again: " << r.err;
  EXPECT_FALSE(std::filesystem::exists(server.dir() + "/out.csv"));
  EXPECT_FALSE(std::filesystem::exists(server.dir() + "/out.csv.partial"));
}

TEST(ErrorPaths, UsageErrorsExitTwo) {
  SimServer server(cli_sim_options(5));
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const auto& c : std::vector<Case>{
           {{"vulns", "--ips", "10.0.0.300"}, "invalid IP address '10.0.0.300'"},
           {{"vulns", "--ips", "10.0.0.9-10.0.0.1"}, "the range ends before it starts"},
           {{"vulns", "--ids", "12,abc"}, "invalid host ID 'abc'"},
           {{"vulns", "--all", "--since", "yesterday"}, "invalid --since 'yesterday'"},
           {{"vulns"}, "no hosts selected"},
           {{"vulns", "--all", "--columns", "qid,bogus"}, "unknown column 'bogus'"},
           {{"vulns", "--all", "--severities", "7"}, "severities are 1 to 5"},
           {{"vulns", "--all", "--bogus-option"}, "bogus-option"},
           {{"hosts", "--ids", "@/nonexistent/list.txt"}, "cannot read '/nonexistent/list.txt'"},
       }) {
    auto r = server.qvm(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args[1] << ": " << r.err;
    EXPECT_TRUE(has(r.err, c.message)) << r.err;
    EXPECT_TRUE(has(r.err, "try 'qvm " + c.args[0] + " --help'")) << r.err;
  }
}

TEST(ErrorPaths, UnknownPlatformAndMissingCredentials) {
  std::vector<std::string> env = {"QUALYS_USERNAME=", "QUALYS_PASSWORD=",
                                  "XDG_CONFIG_HOME=/nonexistent", "XDG_CACHE_HOME=/tmp"};
  auto platform = test::run_process(
      {test::project_binary("qvm"), "login-check", "--platform", "MARS1"}, {}, env);
  EXPECT_EQ(platform.exit_code, 2) << platform.err;
  EXPECT_TRUE(has(platform.err, "MARS1")) << platform.err;
  EXPECT_TRUE(has(platform.err, "US1")) << "the hint lists the platforms: " << platform.err;

  auto no_creds =
      test::run_process({test::project_binary("qvm"), "login-check", "--platform", "US1"}, {}, env);
  EXPECT_EQ(no_creds.exit_code, 2) << no_creds.err;
  EXPECT_TRUE(has(no_creds.err, "no Qualys credentials")) << no_creds.err;
  EXPECT_TRUE(has(no_creds.err, "QUALYS_USERNAME")) << no_creds.err;
}

TEST(ErrorPaths, CredentialsFromTheConfigFileWithAPermissionWarning) {
  SimServer server(cli_sim_options(5));
  std::string config = server.dir() + "/qvm.conf";
  std::ofstream(config) << "# qvm\nusername = demo\npassword = demo\nurl = " << server.url()
                        << "\n";
  std::filesystem::permissions(config, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write |
                                           std::filesystem::perms::others_read);
  std::vector<std::string> env = {
      "QUALYS_USERNAME=", "QUALYS_PASSWORD=", "XDG_CACHE_HOME=" + server.dir() + "/cache"};
  auto r =
      test::run_process({test::project_binary("qvm"), "login-check", "--config", config}, {}, env);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.err, "is readable by other users")) << r.err;
  EXPECT_TRUE(has(r.err, "chmod 600")) << r.err;
}

TEST(ErrorPaths, CtrlCStopsCleanlyWithExitCodeAndNoOutputFile) {
  auto options = cli_sim_options(30);
  sim::FaultRule stall;
  stall.endpoint = sim::Endpoint::kDetections;
  stall.kind = sim::FaultKind::kDelay;
  stall.nth = 1;
  stall.duration = std::chrono::milliseconds(20000);
  options.faults = {stall};
  SimServer server(options);
  std::string out = server.dir() + "/vulns.json";
  std::vector<std::string> env = server.env();  // putenv keeps pointers: must outlive exec
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    for (auto& e : env)
      putenv(e.data());
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    execl(test::project_binary("qvm").c_str(), "qvm", "vulns", "--all", "--format", "json", "-o",
          out.c_str(), "--url", server.url().c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // The host list call takes milliseconds; after a second the detection call is being held
  // by the simulator for 20 s, and only Ctrl-C can end the run early.
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  kill(pid, SIGINT);
  int status = 0;
  auto started = std::chrono::steady_clock::now();
  waitpid(pid, &status, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
}

// Runs many commands, failing and succeeding, verbose or not, with a distinctive password, and
// checks that neither it nor the session cookie nor an Authorization header ever shows.
TEST(Secrets, PasswordNeverAppearsInAnyOutput) {
  const std::string password = "Zx9-very-secret-pa55";
  auto options = cli_sim_options(15);
  options.users = {{"analyst", password}};
  SimServer server(options);
  auto env = server.env("analyst", password);
  std::string everything;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"vulns", "--all", "-v"},
           {"vulns", "--all", "-v", "--session"},
           {"hosts", "--all", "-v", "--format", "csv"},
           {"limits", "-v"},
           {"login-check", "-v", "--session"},
       }) {
    auto r = server.qvm(args, env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    everything += r.out + r.err;
  }
  auto wrong = server.qvm({"vulns", "--all", "-v"}, server.env("analyst", password + "x"));
  EXPECT_EQ(wrong.exit_code, 3);
  everything += wrong.out + wrong.err;
  EXPECT_TRUE(has(everything, "qvm: call: POST")) << "verbose output was produced";
  EXPECT_FALSE(has(everything, password));
  EXPECT_FALSE(has(everything, "QualysSession="));
  EXPECT_FALSE(has(everything, "Authorization"));
  EXPECT_FALSE(has(everything, "YW5hbHlzdDp"));  // base64 of "analyst:"
}

}  // namespace
}  // namespace qvm
