// Connection flags → ConnectionOptions, and the --demo simulator.
#include "connection_flags.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "credentials.hpp"
#include "demo_server.hpp"
#include "interrupt.hpp"
#include "qvm/platform.hpp"

namespace qvm::cli {
namespace {

void warn(std::string_view text) {
  std::fprintf(stderr, "qvm: warning: %.*s\n", static_cast<int>(text.size()), text.data());
}

}  // namespace

std::string cache_dir() {
  std::string dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    dir = std::string(xdg) + "/qvm";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = std::string(home) + "/.cache/qvm";
  } else {
    return {};
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return ec ? std::string() : dir;
}

XmlBackend xml_backend(const std::string& name) {
  return name == "expat" ? XmlBackend::kExpat : XmlBackend::kFast;
}

void add_xml_parser_flag(CLI::App& command, std::string& name) {
  command
      .add_option("--xml-parser", name,
                  "XML parser: fast (qvm's own tokenizer, the default) or expat (the reference "
                  "it is tested against)")
      ->check(CLI::IsMember({"fast", "expat"}))
      ->default_val("fast");
}

void add_connection_flags(CLI::App& command, ConnectionFlags& flags) {
  add_xml_parser_flag(command, flags.xml_parser);
  command
      .add_option("--platform", flags.platform,
                  "Qualys platform: US1 US2 US3 US4 EU1 EU2 EU3 IN1 CA1 AE1 UK1 AU1 KSA1")
      ->group("Connection");
  command
      .add_option("--url", flags.url,
                  "API server URL instead of --platform (private cloud, qvm-sim)")
      ->group("Connection");
  command
      .add_option(
          "--config", flags.config_file,
          "config file with username/password/platform/url (default " + default_config_path() + ")")
      ->group("Connection");
  command
      .add_flag("--session", flags.session,
                "use session auth (log in once, QualysSession cookie, log out at the end)")
      ->group("Connection");
  command.add_option("--cacert", flags.cacert, "CA bundle (PEM) to verify the server with")
      ->group("Connection");
  command.add_option("--capath", flags.capath, "directory of CA certificates")->group("Connection");
  command
      .add_flag("--insecure", flags.insecure,
                "do not verify the server's TLS certificate (warns on every call)")
      ->group("Connection");
  command.add_option("--proxy", flags.proxy, "HTTP(S) proxy URL (default: the usual env vars)")
      ->group("Connection");
  command
      .add_flag("-v,--verbose", flags.verbose,
                "log each API call on stderr (method, path, parameters without secrets, "
                "status, bytes, duration, limits)")
      ->group("Connection");
  command
      .add_option("--max-wait", flags.max_wait,
                  "longest wait in seconds accepted for a rate limit before giving up with "
                  "exit code 5")
      ->default_val(600)
      ->check(CLI::NonNegativeNumber)
      ->group("Connection");
  command
      .add_flag("--demo", flags.demo,
                "run against a simulated Qualys started in-process on loopback (no account)")
      ->group("Connection");
  command.add_option("--demo-hosts", flags.demo_hosts, "hosts in the --demo subscription")
      ->default_val(200)
      ->check(CLI::Range(1, 1000000))
      ->group("Connection");
}

Result<Connection> connect(const ConnectionFlags& flags) {
  Connection connection;
  ConnectionOptions options;
  if (flags.demo) {
    auto demo = start_demo_server(static_cast<std::uint64_t>(flags.demo_hosts));
    if (!demo) return std::unexpected(demo.error());
    options.base_url = demo->url;
    options.credentials = {demo->username, demo->password};
    connection.simulator = demo->server;
  } else {
    std::string config_path = flags.config_file.empty() ? default_config_path() : flags.config_file;
    auto config = read_config_file(config_path, [](const std::string& w) { warn(w); });
    if (!config) return std::unexpected(config.error());
    if (!flags.url.empty()) {
      options.base_url = flags.url;
    } else if (!flags.platform.empty() || config->platform) {
      auto platform = find_platform(flags.platform.empty() ? *config->platform : flags.platform);
      if (!platform) return std::unexpected(platform.error());
      options.base_url = std::string(platform->api_url);
    } else if (config->url) {
      options.base_url = *config->url;
    } else {
      return make_error(ErrorKind::kUsage, "no Qualys server given",
                        "pass --platform (e.g. --platform US1) or --url, or put platform= in " +
                            config_path + "; --demo runs against a simulator");
    }
    if (auto s = resolve_credentials(options.credentials, *config); !s) {
      return std::unexpected(s.error());
    }
  }
  options.tls.ca_file = flags.cacert;
  options.tls.ca_path = flags.capath;
  options.tls.insecure = flags.insecure;
  options.proxy = flags.proxy;
  options.retry.max_wait = std::chrono::seconds(flags.max_wait);
  options.cache_dir = cache_dir();
  options.cancel = &interrupt_flag();
  options.on_warning = [](std::string_view w) { warn(w); };
  if (flags.verbose) {
    options.on_call = [](const CallRecord& record) {
      std::string line = format_call(record);
      std::fprintf(stderr, "qvm: call: %s\n", line.c_str());
    };
  }
  connection.server = options.base_url;
  ClientOptions client_options;
  client_options.session_auth = flags.session;
  client_options.xml_backend = xml_backend(flags.xml_parser);
  connection.client = std::make_unique<Client>(std::move(options), client_options);
  return connection;
}

}  // namespace qvm::cli
