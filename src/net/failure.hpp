// A failed attempt, classified so the retry policy can tell a transient fault from a permanent
// one. The transport produces them for transfer faults; the resource layer builds them for HTTP
// statuses, Qualys codes and truncated documents it finds in the body.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "qvm/error.hpp"

namespace qvm::net {

enum class Cause {
  kResolve,      // DNS: host name not found
  kConnect,      // refused, unreachable, connect timeout
  kTls,          // handshake or certificate verification
  kReset,        // connection reset / closed / nothing received mid-call
  kStall,        // below the low-speed limit for the stall timeout
  kTruncated,    // body cut short (transport) or document cut before its root closed (parser)
  kHttpStatus,   // an HTTP status that is an error, with no more specific cause
  kQualysCode,   // a Qualys CODE / responseCode in the body
  kLimit,        // 409 with 1960 (concurrency) or 1965 (rate)
  kInterrupted,  // the cancel flag was set
  kCallback,     // a head/body callback returned an error (e.g. a parse error)
  kOther,
};

struct Failure {
  Error error;
  Cause cause = Cause::kOther;
  long http_status = 0;
  int qualys_code = 0;
  std::string endpoint;  // URL path of the call, for messages
  // For kLimit: SECONDS_TO_WAIT from the body, else X-RateLimit-ToWait-Sec.
  std::optional<std::chrono::seconds> server_wait;
};

// Worth another attempt: network faults other than DNS and TLS, stalls, truncation, 5xx, 409
// 1960/1965, and the Qualys codes that say "try again" (999 internal error, 1981 busy).
bool is_transient(const Failure& failure);

// A failure for an HTTP error status whose body said nothing more specific.
Failure http_status_failure(long status, std::string_view what);

// A failure for a Qualys code found in a body; 1960/1965 become kLimit.
Failure qualys_code_failure(Error error, long http_status,
                            std::optional<std::chrono::seconds> server_wait = std::nullopt);

}  // namespace qvm::net
