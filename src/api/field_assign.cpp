// Conversions from element text to typed fields, tolerant of surrounding whitespace only.
#include "api/field_assign.hpp"

#include <charconv>

namespace qvm::api {
namespace {

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t first = s.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  size_t last = s.find_last_not_of(ws);
  return s.substr(first, last - first + 1);
}

std::unexpected<Error> bad_value(std::string_view element, std::string_view text,
                                 std::string_view expected) {
  return make_error(ErrorKind::kMalformed, "element " + std::string(element) + ": '" +
                                               std::string(text.substr(0, 80)) + "' is not " +
                                               std::string(expected));
}

template <class Int>
Result<Int> parse_int(std::string_view text, std::string_view element, std::string_view what) {
  std::string_view t = trim(text);
  Int value{};
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
    return bad_value(element, text, what);
  }
  return value;
}

}  // namespace

Result<std::uint64_t> parse_u64(std::string_view text, std::string_view element) {
  return parse_int<std::uint64_t>(text, element, "a non-negative integer");
}

Result<std::int64_t> parse_i64(std::string_view text, std::string_view element) {
  return parse_int<std::int64_t>(text, element, "an integer");
}

Result<bool> parse_bool(std::string_view text, std::string_view element) {
  std::string_view t = trim(text);
  if (t == "1" || t == "true" || t == "TRUE" || t == "True") return true;
  if (t == "0" || t == "false" || t == "FALSE" || t == "False") return false;
  return bad_value(element, text, "a boolean (0/1, true/false)");
}

Result<std::pair<std::uint64_t, std::uint64_t>> parse_id_range(std::string_view text,
                                                               std::string_view element) {
  std::string_view t = trim(text);
  size_t dash = t.find('-');
  auto first = parse_u64(t.substr(0, dash), element);
  if (!first) return std::unexpected(first.error());
  if (dash == std::string_view::npos) return std::pair{*first, *first};
  auto last = parse_u64(t.substr(dash + 1), element);
  if (!last) return std::unexpected(last.error());
  if (*last < *first) return bad_value(element, text, "an ascending ID range");
  return std::pair{*first, *last};
}

Status assign_field(std::string& field, std::string& text, std::string_view) {
  field = std::move(text);
  return {};
}

Status assign_field(std::optional<std::string>& field, std::string& text, std::string_view) {
  field = std::move(text);
  return {};
}

Status assign_field(std::uint64_t& field, std::string& text, std::string_view element) {
  auto v = parse_u64(text, element);
  if (!v) return std::unexpected(v.error());
  field = *v;
  return {};
}

Status assign_field(std::optional<std::uint64_t>& field, std::string& text,
                    std::string_view element) {
  if (trim(text).empty()) return {};  // present but empty: treated as absent
  auto v = parse_u64(text, element);
  if (!v) return std::unexpected(v.error());
  field = *v;
  return {};
}

Status assign_field(int& field, std::string& text, std::string_view element) {
  auto v = parse_int<int>(text, element, "an integer");
  if (!v) return std::unexpected(v.error());
  field = *v;
  return {};
}

Status assign_field(std::optional<int>& field, std::string& text, std::string_view element) {
  if (trim(text).empty()) return {};
  auto v = parse_int<int>(text, element, "an integer");
  if (!v) return std::unexpected(v.error());
  field = *v;
  return {};
}

Status assign_field(std::optional<std::int64_t>& field, std::string& text,
                    std::string_view element) {
  if (trim(text).empty()) return {};
  auto v = parse_i64(text, element);
  if (!v) return std::unexpected(v.error());
  field = *v;
  return {};
}

Status assign_field(std::optional<bool>& field, std::string& text, std::string_view element) {
  if (trim(text).empty()) return {};
  auto v = parse_bool(text, element);
  if (!v) return std::unexpected(v.error());
  field = *v;
  return {};
}

Status assign_field(std::optional<Timestamp>& field, std::string& text, std::string_view element) {
  std::string_view t = trim(text);
  if (t.empty()) return {};
  auto v = parse_timestamp(t);
  if (!v) return bad_value(element, text, "a date (YYYY-MM-DD[THH:MM:SSZ])");
  field = *v;
  return {};
}

Status assign_field(std::vector<std::uint64_t>& field, std::string& text,
                    std::string_view element) {
  field.clear();
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    if (!item.empty()) {
      auto v = parse_u64(item, element);
      if (!v) return std::unexpected(v.error());
      field.push_back(*v);
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return {};
}

}  // namespace qvm::api
