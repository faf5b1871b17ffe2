// SIMPLE_RETURN (errors, login/logout answers), the pagination WARNING, and ABOUT.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qvm/timestamp.hpp"

namespace qvm {

struct SimpleReturn {
  std::optional<Timestamp> datetime;
  std::optional<int> code;  // absent on success ("Logged in")
  std::string text;
  std::vector<std::pair<std::string, std::string>> items;  // ITEM_LIST KEY → VALUE

  // The VALUE of the ITEM whose KEY matches `key` case-insensitively.
  std::optional<std::string> item(std::string_view key) const;
  bool operator==(const SimpleReturn&) const = default;
};

// RESPONSE/WARNING: code 1980 with the URL of the next page when a list is truncated.
struct Warning {
  std::optional<int> code;
  std::string text;
  std::optional<std::string> url;
  bool operator==(const Warning&) const = default;
};

// ABOUT (`/msp/about.php`): versions, as name → value in document order.
struct About {
  std::optional<std::string> api_version;                     // "MAJOR.MINOR"
  std::vector<std::pair<std::string, std::string>> versions;  // WEB-VERSION, SCANNER-VERSION, …
  bool operator==(const About&) const = default;
};

}  // namespace qvm
