// Turns the text of a leaf element into a typed record field. An unparseable value is a
// kMalformed error naming the element and the value, never a silent zero.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qvm/error.hpp"
#include "qvm/timestamp.hpp"

namespace qvm::api {

Status assign_field(std::string& field, std::string& text, std::string_view element);
Status assign_field(std::optional<std::string>& field, std::string& text, std::string_view element);
Status assign_field(std::uint64_t& field, std::string& text, std::string_view element);
Status assign_field(std::optional<std::uint64_t>& field, std::string& text,
                    std::string_view element);
Status assign_field(int& field, std::string& text, std::string_view element);
Status assign_field(std::optional<int>& field, std::string& text, std::string_view element);
Status assign_field(std::optional<std::int64_t>& field, std::string& text,
                    std::string_view element);
Status assign_field(std::optional<bool>& field, std::string& text, std::string_view element);
Status assign_field(std::optional<Timestamp>& field, std::string& text, std::string_view element);
// A comma-separated list of IDs, such as ASSET_GROUP_IDS.
Status assign_field(std::vector<std::uint64_t>& field, std::string& text, std::string_view element);

// The same conversions without a field, for callers that build other shapes.
Result<std::uint64_t> parse_u64(std::string_view text, std::string_view element);
Result<std::int64_t> parse_i64(std::string_view text, std::string_view element);
Result<bool> parse_bool(std::string_view text, std::string_view element);
// An ID_SET entry: "123" or "100-200".
Result<std::pair<std::uint64_t, std::uint64_t>> parse_id_range(std::string_view text,
                                                               std::string_view element);

}  // namespace qvm::api
