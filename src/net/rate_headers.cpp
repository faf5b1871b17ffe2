// Parsing of the limit headers into RateHeaders.
#include "net/rate_headers.hpp"

#include <charconv>

namespace qvm::net {
namespace {

std::optional<long> number(const ResponseHead& head, std::string_view name) {
  auto text = head.header(name);
  if (!text) return std::nullopt;
  long value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc{} || ptr != end || value < 0) return std::nullopt;
  return value;
}

}  // namespace

RateHeaders parse_rate_headers(const ResponseHead& head) {
  RateHeaders r;
  r.limit = number(head, "x-ratelimit-limit");
  r.window_sec = number(head, "x-ratelimit-window-sec");
  r.remaining = number(head, "x-ratelimit-remaining");
  r.to_wait_sec = number(head, "x-ratelimit-towait-sec");
  r.concurrency_limit = number(head, "x-concurrency-limit-limit");
  r.concurrency_running = number(head, "x-concurrency-limit-running");
  return r;
}

}  // namespace qvm::net
