// Request parameters of the VM API as Qualys reads them: query string and form body alike, the
// last occurrence of a name wins, and bad values become the 1901/1903/1905 errors with Qualys'
// texts.
#pragma once

#include <cstdint>
#include <expected>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qvm/host.hpp"
#include "qvm/timestamp.hpp"

namespace qvm::sim {

// An error answered as SIMPLE_RETURN: HTTP status, Qualys CODE (0 = none) and TEXT.
struct ApiError {
  int http_status = 400;
  int code = 0;
  std::string text;
};
template <class T>
using ApiResult = std::expected<T, ApiError>;

ApiError invalid_value(std::string_view name, std::string_view value, std::string_view why = {});

std::string url_decode(std::string_view text);
std::string url_encode(std::string_view text);

class Params {
 public:
  // Appends the pairs of an application/x-www-form-urlencoded string ('+' is a space).
  void parse(std::string_view form);
  void set(std::string name, std::string value);        // replaces every occurrence in place
  const std::string* get(std::string_view name) const;  // the last occurrence
  bool has(std::string_view name) const { return get(name) != nullptr; }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  // Names not in `allowed`, comma-joined in request order (for CODE 1901), empty if none.
  std::string unknown(std::initializer_list<std::string_view> allowed) const;
  std::string unknown(const std::vector<std::string_view>& allowed) const;
  std::string encode() const;  // back to a query string, order kept

  // Typed readers: absent → nullopt; present but invalid → CODE 1905.
  ApiResult<std::optional<std::uint64_t>> uint(std::string_view name) const;
  ApiResult<std::optional<bool>> flag(std::string_view name) const;
  ApiResult<std::optional<Timestamp>> date(std::string_view name) const;
  // Comma list of positive integers and a-b ranges (ids, qids, ag_ids, severities).
  ApiResult<std::vector<IdRange>> id_list(std::string_view name) const;
  // Comma list of IPv4 addresses and a-b ranges.
  ApiResult<std::vector<std::pair<std::uint32_t, std::uint32_t>>> ip_list(
      std::string_view name) const;
  // Comma list of words, each one of `allowed` (case-insensitive); returned as in `allowed`.
  ApiResult<std::vector<std::string>> choice_list(
      std::string_view name, std::initializer_list<std::string_view> allowed) const;
  ApiResult<std::optional<std::string>> choice(
      std::string_view name, std::initializer_list<std::string_view> allowed) const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// action is present (1903), every parameter is known (1901) and action=list (1905).
std::expected<void, ApiError> check_list_request(const Params& params,
                                                 const std::vector<std::string_view>& allowed);

bool in_ranges(const std::vector<IdRange>& ranges, std::uint64_t v);
std::optional<std::uint32_t> parse_ipv4(std::string_view text);

}  // namespace qvm::sim
