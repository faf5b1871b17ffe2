// The options every command that talks to Qualys shares (--platform/--url, credentials,
// --session, TLS, proxy, -v, --max-wait, --demo), and their resolution into the library's
// ConnectionOptions. This is the one place that reads the environment and the config file.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "qvm/client.hpp"
#include "qvm/connection.hpp"

namespace qvm::cli {

struct ConnectionFlags {
  std::string platform;
  std::string url;
  std::string config_file;  // default: $XDG_CONFIG_HOME/qvm/config or ~/.config/qvm/config
  bool session = false;
  std::string cacert;
  std::string capath;
  bool insecure = false;
  std::string proxy;
  bool verbose = false;
  int max_wait = 600;
  bool demo = false;
  int demo_hosts = 200;
  std::string xml_parser = "fast";
};

// --xml-parser fast|expat → the parser backend (fast is the default; expat is the reference).
XmlBackend xml_backend(const std::string& name);
// Adds --xml-parser to a command.
void add_xml_parser_flag(CLI::App& command, std::string& name);

void add_connection_flags(CLI::App& command, ConnectionFlags& flags);

// A client ready to use, and (with --demo) the in-process simulator it talks to.
struct Connection {
  std::unique_ptr<Client> client;
  std::shared_ptr<void> simulator;  // keeps the --demo simulator alive as long as the client
  std::string server;               // the base URL, for messages
};

// Resolves credentials (env QUALYS_USERNAME/QUALYS_PASSWORD, then the config file, then a
// prompt on a terminal) and the server; starts the demo simulator with --demo.
Result<Connection> connect(const ConnectionFlags& flags);

// The user's cache directory for qvm ($XDG_CACHE_HOME/qvm or ~/.cache/qvm), created if needed.
std::string cache_dir();

}  // namespace qvm::cli
