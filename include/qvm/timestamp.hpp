// Qualys timestamps (`2023-05-24T09:59:43Z`, or a bare date) as UTC seconds.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qvm {

using Timestamp = std::chrono::sys_seconds;

// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` with an optional fraction and `Z` or `±HH:MM`
// offset (converted to UTC). Returns nullopt for anything else.
std::optional<Timestamp> parse_timestamp(std::string_view text);

// `YYYY-MM-DDTHH:MM:SSZ`, the form Qualys sends and accepts.
std::string format_timestamp(Timestamp t);
// The same 20 characters without allocating, for writers that format millions of them.
std::array<char, 20> timestamp_chars(Timestamp t);

}  // namespace qvm
