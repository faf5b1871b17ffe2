// The ServiceRequest of a QPS host asset search or count, read the way QPS reads it:
// limitResults, startFromId, startFromOffset and Criteria, with QPS' texts for bad values.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qvm/timestamp.hpp"

namespace qvm::sim {

struct Criterion {
  std::string field;
  std::string op;  // EQUALS | IN | GREATER | LESSER | CONTAINS
  std::string value;
  std::vector<std::uint64_t> numbers;  // id, qwebHostId
  std::optional<Timestamp> time;       // updated
};

struct SearchRequest {
  std::vector<Criterion> criteria;
  std::uint64_t limit = 100;
  std::optional<std::uint64_t> start_from_id;
  std::uint64_t start_from_offset = 1;
};

struct QpsError {
  std::string message;
  std::string resolution;
};

std::expected<SearchRequest, QpsError> parse_search_request(std::string_view xml);

// The items of a Criteria value given as a list (IN): comma-separated, trimmed, empties dropped.
std::vector<std::string> split_criteria_list(const std::string& v);

}  // namespace qvm::sim
