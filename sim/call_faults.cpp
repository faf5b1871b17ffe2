// The replies of call-level faults (5xx, 409, error in 200) on the VM API and QPS.
#include "call_faults.hpp"

#include <algorithm>
#include <cstdint>

#include "apache_replies.hpp"
#include "endpoints.hpp"
#include "simple_return_reply.hpp"

namespace qvm::sim {

std::optional<Reply> vm_fault_reply(const FaultRule& fault, Endpoint e, RateLimiter& limiter,
                                    const Options& o, const Dataset& dataset) {
  const auto kind = fault.kind;
  if (kind == FaultKind::kHttp500 || kind == FaultKind::kHttp502 || kind == FaultKind::kHttp503) {
    return server_error_reply(kind == FaultKind::kHttp500   ? 500
                              : kind == FaultKind::kHttp502 ? 502
                                                            : 503);
  }
  if (kind == FaultKind::kRate409) {
    auto snap = limiter.peek(e);
    const std::int64_t wait = std::max<std::int64_t>(1, fault.duration.count() / 1000);
    snap.to_wait_sec = wait;
    snap.remaining = 0;
    return rate_limit_reply(o, dataset.now(), snap);
  }
  if (kind == FaultKind::kConcurrency409) {
    auto snap = limiter.peek(e);
    snap.running = std::max(snap.running, snap.concurrency_limit);
    return concurrency_limit_reply(o, dataset.now(), snap, 1);
  }
  if (kind == FaultKind::kErrorIn200) {
    Reply r = simple_return_reply(o, dataset.now(), 200, 999,
                                  "Internal error. Please contact customer support.");
    r.headers = limit_headers(limiter.peek(e));
    return r;
  }
  return std::nullopt;
}

std::optional<Reply> qps_fault_reply(const FaultRule& fault, const Options& o) {
  const auto kind = fault.kind;
  if (kind != FaultKind::kHttp500 && kind != FaultKind::kHttp502 && kind != FaultKind::kHttp503 &&
      kind != FaultKind::kRate409 && kind != FaultKind::kConcurrency409 &&
      kind != FaultKind::kErrorIn200) {
    return std::nullopt;
  }
  Reply r;
  r.style = HeaderStyle::kQps;
  r.status = kind == FaultKind::kHttp500      ? 500
             : kind == FaultKind::kHttp502    ? 502
             : kind == FaultKind::kHttp503    ? 503
             : kind == FaultKind::kErrorIn200 ? 200
                                              : 409;
  r.body = string_body(qps_error_document(o, "OTHER_ERROR",
                                          "An error occurred during request processing. "
                                          "Please contact your account manager.",
                                          ""));
  return r;
}

}  // namespace qvm::sim
