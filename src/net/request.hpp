// What the transport sends and the head of what it gets back. Bodies are never held here: the
// request's raw body is the caller's, the response body streams through a callback.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/form.hpp"

namespace qvm::net {

enum class Method { kGet, kPost };

struct Request {
  Request() = default;
  Request(Method m, std::string u, FormParams p = {}, std::string b = {}, std::string type = {})
      : method(m),
        url(std::move(u)),
        params(std::move(p)),
        body(std::move(b)),
        content_type(std::move(type)) {}

  Method method = Method::kGet;
  std::string url;    // absolute; may already carry a query (a WARNING URL)
  FormParams params;  // GET: query string unless too long, then POST; POST: form body
  // A raw body (QPS XML) instead of form parameters; sent by POST with this content type.
  std::string body;
  std::string content_type;
};

struct ResponseHead {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in wire order

  // The first header with this (lower-case) name.
  std::optional<std::string_view> header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lower_name) return std::string_view(value);
    }
    return std::nullopt;
  }
};

}  // namespace qvm::net
