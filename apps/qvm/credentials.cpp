// Credentials from env, config file, or a no-echo prompt.
#include "credentials.hpp"

#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>

namespace qvm::cli {
namespace {

std::string trim(const std::string& s) {
  size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  size_t last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

// Reads a line from the terminal; with echo off for secrets.
std::optional<std::string> prompt(const char* label, bool secret) {
  if (!isatty(STDIN_FILENO)) return std::nullopt;
  std::cerr << label << std::flush;
  termios saved{};
  bool restore = false;
  if (secret && tcgetattr(STDIN_FILENO, &saved) == 0) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    restore = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
  }
  std::string line;
  bool ok = static_cast<bool>(std::getline(std::cin, line));
  if (restore) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!ok) return std::nullopt;
  return line;
}

}  // namespace

std::string default_config_path() {
  if (auto xdg = env("XDG_CONFIG_HOME")) return *xdg + "/qvm/config";
  if (auto home = env("HOME")) return *home + "/.config/qvm/config";
  return ".qvm-config";
}

Result<ConfigFile> read_config_file(const std::string& path,
                                    const std::function<void(const std::string&)>& warn) {
  ConfigFile config;
  std::ifstream in(path);
  if (!in) return config;
  struct stat info {};
  if (stat(path.c_str(), &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)) && warn) {
    warn("config file " + path +
         " is readable by other users and may hold a password; run: "
         "chmod 600 " +
         path);
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    size_t eq = text.find('=');
    if (eq == std::string::npos) {
      return make_error(ErrorKind::kUsage,
                        path + ":" + std::to_string(number) + ": expected 'key = value'",
                        "keys are username, password, platform and url");
    }
    std::string key = trim(text.substr(0, eq));
    std::string value = trim(text.substr(eq + 1));
    if (key == "username") {
      config.username = value;
    } else if (key == "password") {
      config.password = value;
    } else if (key == "platform") {
      config.platform = value;
    } else if (key == "url") {
      config.url = value;
    } else {
      return make_error(ErrorKind::kUsage,
                        path + ":" + std::to_string(number) + ": unknown key '" + key + "'",
                        "keys are username, password, platform and url");
    }
  }
  return config;
}

Status resolve_credentials(Credentials& credentials, const ConfigFile& config) {
  if (credentials.username.empty()) {
    if (auto v = env("QUALYS_USERNAME")) {
      credentials.username = *v;
    } else if (config.username) {
      credentials.username = *config.username;
    } else if (auto typed = prompt("Qualys username: ", false)) {
      credentials.username = *typed;
    }
  }
  if (credentials.password.empty()) {
    if (auto v = env("QUALYS_PASSWORD")) {
      credentials.password = *v;
    } else if (config.password) {
      credentials.password = *config.password;
    } else if (auto typed = prompt("Qualys password: ", true)) {
      credentials.password = *typed;
    }
  }
  if (credentials.username.empty() || credentials.password.empty()) {
    return make_error(ErrorKind::kUsage, "no Qualys credentials",
                      "set QUALYS_USERNAME and QUALYS_PASSWORD, put username/password in " +
                          default_config_path() +
                          ", or run on a terminal to be asked; "
                          "--demo needs none");
  }
  return {};
}

}  // namespace qvm::cli
