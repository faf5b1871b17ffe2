// Where the user's Qualys credentials and server come from: the environment, the config file,
// or a prompt with no echo on a terminal — in that order.
#pragma once

#include <optional>
#include <string>

#include "qvm/connection.hpp"
#include "qvm/error.hpp"

namespace qvm::cli {

// The config file: `key = value` lines (username, password, platform, url); `#` comments.
struct ConfigFile {
  std::optional<std::string> username, password, platform, url;
};

std::string default_config_path();
// A missing file is an empty config. `warn` receives a warning when the file is readable by
// group or others (it may hold a password).
Result<ConfigFile> read_config_file(const std::string& path,
                                    const std::function<void(const std::string&)>& warn);

// Fills what is still empty in `credentials` from env, then config, then a terminal prompt.
Status resolve_credentials(Credentials& credentials, const ConfigFile& config);

}  // namespace qvm::cli
