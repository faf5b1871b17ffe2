// The Qualys platforms (qualys-api.md §2): the key a user passes to --platform and the API server
// it stands for.
#pragma once

#include <span>
#include <string_view>

#include "qvm/error.hpp"

namespace qvm {

struct Platform {
  std::string_view key;          // "US1", "EU2", ...
  std::string_view pod;          // "qg1", ... or empty where Qualys names none
  std::string_view api_url;      // https://qualysapi..., no trailing slash
  std::string_view gateway_url;  // https://gateway..., for JWT/JSON APIs
};

// Every platform, in the order of the Qualys table.
std::span<const Platform> platforms();

// Case-insensitive lookup by key ("us1", "EU2"); kUsage error listing the valid keys otherwise.
Result<Platform> find_platform(std::string_view key);

}  // namespace qvm
