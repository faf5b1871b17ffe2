// One HTTP(S) connection to the API server over libcurl: sends a request, streams the response
// head and body to callbacks as they arrive, and classifies whatever goes wrong.
//
// Threads: a Transport is used by one thread at a time. Give each worker its own; it keeps its
// easy handle, so connections are reused (keep-alive) across that worker's calls.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <string_view>

#include "net/call_counters.hpp"
#include "net/failure.hpp"
#include "net/request.hpp"
#include "qvm/connection.hpp"

namespace qvm::net {

// Called once per response, before the first body chunk (also for empty bodies).
using HeadHandler = std::function<Status(const ResponseHead&)>;
// Called with each chunk as libcurl delivers it (gzip already decoded). Never accumulated.
using BodyHandler = std::function<Status(std::string_view chunk)>;

struct TransferResult {
  long status = 0;
  std::uint64_t body_bytes = 0;  // delivered to the body handler
  std::uint64_t wire_bytes = 0;  // received on the wire (compressed)
  std::chrono::milliseconds duration{0};
  RateHeaders rate;
  bool posted = false;  // sent as POST (asked for, or switched because parameters were long)
};

class Transport {
 public:
  // `counters` (optional, shared between workers) counts calls per endpoint.
  explicit Transport(ConnectionOptions options, CallCounters* counters = nullptr);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // Session auth: once set, calls send `Cookie: QualysSession=<id>` instead of basic auth.
  void set_session_cookie(std::string session_id);
  void clear_session_cookie();

  // Performs one request. Any HTTP status is a success here (the caller reads the body to know
  // what a 4xx or 5xx means); a failure is a transfer that could not complete, or a handler's
  // error (returned as is, Cause::kCallback), or a cancel (kInterrupted).
  std::expected<TransferResult, Failure> perform(const Request& request, const HeadHandler& on_head,
                                                 const BodyHandler& on_body);

  const ConnectionOptions& options() const { return options_; }

 private:
  void* curl_;  // CURL*, kept for keep-alive
  ConnectionOptions options_;
  CallCounters* counters_;
  std::string session_cookie_;
};

}  // namespace qvm::net
