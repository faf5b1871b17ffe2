// application/x-www-form-urlencoded parameters: encoding for a query string or POST body,
// decoding of a query (a WARNING URL's), and the redacted form used in logs.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qvm::net {

// Order is kept: Qualys echoes parameters back in the order sent.
using FormParams = std::vector<std::pair<std::string, std::string>>;

// "a=1&ids=1-5%2C7": unreserved characters kept, everything else %XX (space as %20).
std::string encode_form(const FormParams& params);

// The inverse of encode_form; also accepts '+' for space. Malformed escapes are kept literally.
FormParams decode_form(std::string_view query);

// An absolute URL split at its '?': {"https://h/p/", "a=1&b=2"} (query empty when none).
std::pair<std::string_view, std::string_view> split_url(std::string_view url);

// encode_form with the values of secret parameters (password, username, token) as "***".
std::string redacted_form(const FormParams& params);

}  // namespace qvm::net

namespace qvm::net {

// The path of an absolute URL, without query: "/api/2.0/fo/asset/host/". The endpoint key of
// limits and call counters.
std::string_view url_path(std::string_view url);

// scheme://host[:port]/path of an absolute URL, without query: what logs and errors may show.
std::string_view url_without_query(std::string_view url);

}  // namespace qvm::net
