// What a running simulator holds (options, dataset, limiter, faults, sessions, statistics and the
// httplib server) and the steps of answering one call, each step defined in its own file.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "authentication.hpp"
#include "call_stats.hpp"
#include "faults.hpp"
#include "limits.hpp"
#include "qvm_sim/simulator.hpp"
#include "reply.hpp"
#include "request_route.hpp"
#include "simple_return_reply.hpp"

namespace qvm::sim {

class Simulator::Impl {
 public:
  explicit Impl(Options o)
      : options_(std::move(o)),
        dataset_(options_),
        limiter_(options_.limits),
        faults_(options_.seed, options_.faults),
        auth_(options_) {}

  // server.cpp
  Result<std::string> start();
  void stop();
  void wait();
  // request_dispatch.cpp
  void handle(const httplib::Request& req, httplib::Response& res, const std::string& body);

  Options options_;
  Dataset dataset_;
  RateLimiter limiter_;
  FaultPlan faults_;
  Authenticator auth_;
  CallStats stats_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::string base_url_;
  int port_ = 0;

  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  bool running_ = false;

 private:
  // server.cpp: sleeps (delay and stall faults); false when the server is stopping.
  bool sleep_for(std::chrono::milliseconds d);
  // call_reply.cpp
  void reply(httplib::Response& res, Reply r, Endpoint e, const httplib::Request& req,
             const std::string& user, bool admitted, bool fault);
  Reply simple(int status, int code, std::string_view text, bool declaration = true) const {
    return simple_return_reply(options_, dataset_.now(), status, code, text, {}, declaration);
  }

  // vm_request.cpp, session_request.cpp, qps_request.cpp
  void handle_vm(const httplib::Request& req, httplib::Response& res, const Route& r,
                 const std::string& body);
  void handle_session(const httplib::Request& req, httplib::Response& res, const std::string& body);
  void handle_qps(const httplib::Request& req, httplib::Response& res, const Route& r,
                  const std::string& body);
};

}  // namespace qvm::sim
