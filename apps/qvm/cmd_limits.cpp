// `qvm limits` and `qvm login-check`: what the account may do, through /msp/about.php (a cheap
// call that carries the rate and concurrency headers).
#include <cstdio>

#include "commands.hpp"
#include "connection_flags.hpp"

namespace qvm::cli {
namespace {

std::string or_unknown(const std::optional<long>& v) {
  return v ? std::to_string(*v) : std::string("unknown");
}

Status run_limits(const ConnectionFlags& flags, bool check_only) {
  auto connection = connect(flags);
  if (!connection) return std::unexpected(connection.error());
  auto about = connection->client->about();
  if (!about) return std::unexpected(about.error());
  if (check_only) {
    std::printf("ok: logged in to %s (API %s)\n", connection->server.c_str(),
                about->about.api_version.value_or("?").c_str());
    return {};
  }
  const RateHeaders& l = about->limits;
  std::printf("server       %s\n", connection->server.c_str());
  std::printf("limit        %s calls per %s s\n", or_unknown(l.limit).c_str(),
              or_unknown(l.window_sec).c_str());
  std::printf("remaining    %s\n", or_unknown(l.remaining).c_str());
  std::printf("to wait      %s s\n", or_unknown(l.to_wait_sec).c_str());
  std::printf("concurrency  %s (running %s)\n", or_unknown(l.concurrency_limit).c_str(),
              or_unknown(l.concurrency_running).c_str());
  std::printf("(limits apply per API endpoint; these are /msp/about.php's)\n");
  return {};
}

}  // namespace

void add_limits_commands(CLI::App& app, Action& action) {
  auto flags = std::make_shared<ConnectionFlags>();
  CLI::App* limits = app.add_subcommand("limits",
                                        "Show the account's API rate and concurrency "
                                        "limits (one /msp/about.php call)");
  limits->footer("Example:\n  qvm limits --platform US2");
  add_connection_flags(*limits, *flags);
  limits->callback([&action, flags] { action = [flags] { return run_limits(*flags, false); }; });

  auto check_flags = std::make_shared<ConnectionFlags>();
  CLI::App* check = app.add_subcommand("login-check", "Check credentials and server (one call)");
  check->footer("Example:\n  QUALYS_USERNAME=u QUALYS_PASSWORD=p qvm login-check --platform EU1");
  add_connection_flags(*check, *check_flags);
  check->callback([&action, check_flags] {
    action = [check_flags] { return run_limits(*check_flags, true); };
  });
}

}  // namespace qvm::cli
