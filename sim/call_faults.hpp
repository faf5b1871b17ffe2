// What an injected fault answers in place of the endpoint's document, when it fires at the start
// of a call. Body faults (drop, truncate, stall, malformed) and delays answer nothing here: they
// act on the normal reply, so these return nullopt for them.
#pragma once

#include <optional>

#include "limits.hpp"
#include "qvm_sim/dataset.hpp"
#include "qvm_sim/options.hpp"
#include "reply.hpp"

namespace qvm::sim {

// VM API: the Apache 5xx page, a 409 (1965 or 1960) with limit headers as if the limit were
// reached, or SIMPLE_RETURN CODE 999 in an HTTP 200.
std::optional<Reply> vm_fault_reply(const FaultRule& fault, Endpoint endpoint, RateLimiter& limiter,
                                    const Options& o, const Dataset& dataset);
// QPS: an OTHER_ERROR ServiceResponse with the fault's HTTP status (200 for error-in-200).
std::optional<Reply> qps_fault_reply(const FaultRule& fault, const Options& o);

}  // namespace qvm::sim
