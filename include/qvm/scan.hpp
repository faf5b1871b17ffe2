// SCAN records of SCAN_LIST_OUTPUT.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "qvm/timestamp.hpp"

namespace qvm {

struct Scan {
  std::optional<std::string> id;
  std::string ref;  // scan/1512633905.79357
  std::optional<std::string> scan_type;
  std::string type;  // On-Demand | Scheduled | API
  std::string title;
  std::optional<std::string> client_id;
  std::optional<std::string> client_name;
  std::string user_login;
  std::optional<Timestamp> launch_datetime;
  std::optional<std::string> duration;  // HH:MM:SS as sent, or "Pending"
  std::optional<std::string> processing_priority;
  std::optional<bool> processed;
  std::optional<std::string> status_state;
  std::optional<std::string> status_sub_state;
  std::optional<std::string> target;
  std::vector<std::string> asset_group_title_list;
  std::optional<std::string> option_profile_title;
  std::optional<bool> option_profile_default_flag;

  bool operator==(const Scan&) const = default;
};

}  // namespace qvm
