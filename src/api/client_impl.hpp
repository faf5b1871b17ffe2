// The client's machinery shared by every resource: connections, the limits governor, the retry
// loop, session auth, and one call from request to parsed body with every failure classified.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "net/call_counters.hpp"
#include "net/failure.hpp"
#include "net/rate_governor.hpp"
#include "net/retry_policy.hpp"
#include "net/transport.hpp"
#include "qvm/client.hpp"

namespace qvm {

// One attempt's outcome: the transfer, or why it failed.
using CallResult = std::expected<net::TransferResult, net::Failure>;

// A VM API list (host list, host list detection, KB, scans): the first request, how to parse
// each attempt, and how to resume after a partial delivery.
struct VmListSpec {
  std::string what;  // "host list detection", for messages
  std::string path;  // /api/2.0/fo/asset/host/vm/detection/
  net::FormParams params;
  std::function<std::unique_ptr<ResponseParser>()> make_parser;
  // Before a retry: narrow the parameters to what was not delivered yet (e.g. id_min).
  std::function<void(net::FormParams&)> resume;
  // Before each attempt (first or retry): reset per-attempt state of the callbacks.
  std::function<void()> begin_attempt;
  // After each page that arrived whole: its RESPONSE/DATETIME, when it had one.
  std::function<void(Timestamp)> page_datetime;
};

class Client::Impl {
 public:
  Impl(ConnectionOptions connection, ClientOptions options);
  ~Impl();

  // One HTTP call: a governor slot, the transfer with the body streamed into `parser` (when the
  // status is 200), the limit headers learnt, and error bodies (SIMPLE_RETURN with a CODE, HTML
  // pages, truncation) turned into classified failures.
  CallResult call(const net::Request& request, ResponseParser& parser);

  // Runs `attempt` until it succeeds, a failure is permanent, or the retry policy gives up.
  Status with_retries(std::string_view what, const std::function<CallResult(int attempt)>& attempt);

  // Every page of a VM API list, following the WARNING URL, each page retried as needed.
  Status fetch_vm_list(VmListSpec& spec);

  Status ensure_session();
  Status login();
  Status logout();

  std::string url(std::string_view path) const;
  XmlBackend xml_backend() const { return options_.xml_backend; }

  net::CallCounters counters;
  std::vector<std::string> endpoints_seen() const;
  net::RateGovernor& governor() { return governor_; }

 private:
  // A pooled connection set up for `path` (session cookie or basic auth).
  std::unique_ptr<net::Transport> take_transport(std::string_view path);
  void give_back(std::unique_ptr<net::Transport> transport);

  ConnectionOptions connection_;
  ClientOptions options_;
  net::RateGovernor governor_;
  net::RetryPolicy retry_;

  mutable std::mutex mutex_;  // guards the pool, the session id and endpoints_
  std::vector<std::unique_ptr<net::Transport>> idle_;
  std::string session_id_;
  bool logged_in_ = false;
  std::vector<std::string> endpoints_;
};

// Prefixes a failure's message with what was being fetched.
Error in_context(std::string_view what, Error error);

}  // namespace qvm
