// Reading the X-RateLimit-* and X-Concurrency-Limit-* headers of a response (qualys-api.md §3.1).
#pragma once

#include "net/request.hpp"
#include "qvm/call_log.hpp"

namespace qvm::net {

// Unparsable or absent values are left empty; the misspellings some docs print
// (X-ConcurrencyLimit-Limit) are not on the wire and not read.
RateHeaders parse_rate_headers(const ResponseHead& head);

}  // namespace qvm::net
