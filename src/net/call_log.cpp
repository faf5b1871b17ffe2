// The one-line text form of a call record, as -v prints it.
#include "qvm/call_log.hpp"

#include <cstdio>

namespace qvm {
namespace {

void append_field(std::string& out, const char* name, const std::optional<long>& value) {
  if (!value) return;
  out += ' ';
  out += name;
  out += '=';
  out += std::to_string(*value);
}

}  // namespace

std::string format_call(const CallRecord& r) {
  std::string out = r.method + ' ' + r.url;
  if (!r.params.empty()) out += " [" + r.params + ']';
  out += ' ' + (r.status ? std::to_string(r.status) : std::string("-"));
  out += ' ' + std::to_string(r.bytes) + 'B';
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, " %.2fs", static_cast<double>(r.duration.count()) / 1000);
  out += seconds;
  append_field(out, "limit", r.rate.limit);
  append_field(out, "window", r.rate.window_sec);
  append_field(out, "remaining", r.rate.remaining);
  append_field(out, "towait", r.rate.to_wait_sec);
  append_field(out, "concurrency", r.rate.concurrency_limit);
  append_field(out, "running", r.rate.concurrency_running);
  if (!r.error.empty()) out += " error: " + r.error;
  return out;
}

}  // namespace qvm
