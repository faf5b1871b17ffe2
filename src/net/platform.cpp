// The platform table of qualys-api.md §2 and its lookup by --platform key.
#include "qvm/platform.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace qvm {
namespace {

constexpr std::array<Platform, 13> kPlatforms{{
    {"US1", "qg1", "https://qualysapi.qualys.com", "https://gateway.qg1.apps.qualys.com"},
    {"US2", "qg2", "https://qualysapi.qg2.apps.qualys.com", "https://gateway.qg2.apps.qualys.com"},
    {"US3", "qg3", "https://qualysapi.qg3.apps.qualys.com", "https://gateway.qg3.apps.qualys.com"},
    {"US4", "qg4", "https://qualysapi.qg4.apps.qualys.com", "https://gateway.qg4.apps.qualys.com"},
    {"EU1", "", "https://qualysapi.qualys.eu", "https://gateway.qg1.apps.qualys.eu"},
    {"EU2", "", "https://qualysapi.qg2.apps.qualys.eu", "https://gateway.qg2.apps.qualys.eu"},
    {"EU3", "", "https://qualysapi.qg3.apps.qualys.it", "https://gateway.qg3.apps.qualys.it"},
    {"IN1", "", "https://qualysapi.qg1.apps.qualys.in", "https://gateway.qg1.apps.qualys.in"},
    {"CA1", "", "https://qualysapi.qg1.apps.qualys.ca", "https://gateway.qg1.apps.qualys.ca"},
    {"AE1", "", "https://qualysapi.qg1.apps.qualys.ae", "https://gateway.qg1.apps.qualys.ae"},
    {"UK1", "", "https://qualysapi.qg1.apps.qualys.co.uk", "https://gateway.qg1.apps.qualys.co.uk"},
    {"AU1", "", "https://qualysapi.qg1.apps.qualys.com.au",
     "https://gateway.qg1.apps.qualys.com.au"},
    {"KSA1", "", "https://qualysapi.qg1.apps.qualysksa.com",
     "https://gateway.qg1.apps.qualysksa.com"},
}};

bool same_key(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::toupper(static_cast<unsigned char>(x)) ==
           std::toupper(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::span<const Platform> platforms() {
  return kPlatforms;
}

Result<Platform> find_platform(std::string_view key) {
  for (const Platform& p : kPlatforms) {
    if (same_key(p.key, key)) return p;
  }
  std::string keys;
  for (const Platform& p : kPlatforms) {
    if (!keys.empty()) keys += ", ";
    keys += p.key;
  }
  return make_error(ErrorKind::kUsage, "unknown platform '" + std::string(key) + "'",
                    "use one of " + keys + ", or --url for a private cloud");
}

}  // namespace qvm
