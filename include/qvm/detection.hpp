// DETECTION records of HOST_LIST_VM_DETECTION_OUTPUT. A detection arrives with the Host it
// belongs to (see qvm/parsers.hpp), so every record carries its host's identity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qvm/timestamp.hpp"

namespace qvm {

struct Qds {
  int score = 0;
  std::string severity;  // LOW | MEDIUM | HIGH | CRITICAL
  bool operator==(const Qds&) const = default;
};

struct QdsFactor {
  std::string name;
  std::string value;
  bool operator==(const QdsFactor&) const = default;
};

struct Detection {
  std::optional<std::uint64_t> unique_vuln_id;
  std::uint64_t qid = 0;
  std::string type;  // Confirmed | Potential | Info
  std::optional<int> severity;
  std::optional<int> port;
  std::optional<std::string> protocol;
  std::optional<std::string> fqdn;
  std::optional<bool> ssl;
  std::optional<std::string> instance;
  // Kept exactly as sent: tabs, newlines, trailing spaces and the HTML escapes Qualys leaves
  // inside CDATA (`&apos;` etc.); writers decode on request.
  std::optional<std::string> results;
  std::optional<std::string> status;  // New | Active | Fixed | Re-Opened
  std::optional<Timestamp> first_found_datetime;
  std::optional<Timestamp> last_found_datetime;
  std::optional<Qds> qds;
  std::vector<QdsFactor> qds_factors;
  std::optional<int> times_found;
  std::optional<Timestamp> last_test_datetime;
  std::optional<Timestamp> last_update_datetime;
  std::optional<Timestamp> last_fixed_datetime;
  std::optional<Timestamp> first_reopened_datetime;
  std::optional<Timestamp> last_reopened_datetime;
  std::optional<int> times_reopened;
  std::optional<std::string> service;
  std::optional<bool> is_ignored;
  std::optional<bool> is_disabled;
  std::optional<bool> affect_running_kernel;
  std::optional<bool> affect_running_service;
  std::optional<bool> affect_exploitable_config;
  std::optional<Timestamp> last_processed_datetime;
  std::optional<std::string> asset_cve;

  bool operator==(const Detection&) const = default;
};

}  // namespace qvm
