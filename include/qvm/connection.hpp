// How libqvm reaches a Qualys API server: the options the CLI fills from flags, environment and
// config. libqvm reads nothing itself; it reports through the callbacks given here.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "qvm/call_log.hpp"

namespace qvm {

struct Credentials {
  std::string username;
  std::string password;
};

struct TlsOptions {
  std::string ca_file;    // --cacert FILE: PEM bundle to verify the server with
  std::string ca_path;    // --capath DIR
  bool insecure = false;  // --insecure: skip verification (a warning is reported on every call)
};

struct RetryOptions {
  std::chrono::milliseconds base{500};    // first backoff delay
  std::chrono::milliseconds cap{60'000};  // no single backoff is longer
  int max_attempts = 6;                   // attempts in total, the first included
  std::chrono::seconds max_wait{600};     // --max-wait: longest advertised limit wait accepted
};

struct ConnectionOptions {
  std::string base_url;  // https://qualysapi.qualys.com, a private cloud, or the simulator
  Credentials credentials;
  TlsOptions tls;
  std::string proxy;  // --proxy; empty: libcurl's usual environment variables apply
  std::chrono::milliseconds connect_timeout{30'000};
  // A transfer that moves less than one byte per second for this long is a stall. There is no
  // total timeout: a host detection stream may legitimately last an hour.
  std::chrono::seconds stall_timeout{120};
  // Form parameters longer than this (URL-encoded) go in a POST body instead of the query
  // string, so no request ever meets a 414.
  std::size_t post_threshold = 2000;
  RetryOptions retry;
  // Where the last known limit budget per (server, user, endpoint) is shared with other qvm
  // processes ($XDG_CACHE_HOME/qvm). Empty: the budget is known to this process only.
  std::filesystem::path cache_dir;
  // Set from a signal handler to abort transfers and waits with ErrorKind::kInterrupted.
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(std::string_view)> on_warning;  // e.g. the --insecure warning
  std::function<void(const CallRecord&)> on_call;    // one record per HTTP call (-v)
};

}  // namespace qvm
