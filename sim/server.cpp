// The simulator's HTTP(S) server: binds (with a throwaway certificate for TLS), feeds every
// request to Impl::handle, stops cleanly; and the public Simulator calls over it.
#include <httplib.h>

#include <fmt/format.h>
#include <csignal>
#include <thread>

#include "simulator_impl.hpp"
#include "tls_cert.hpp"
#include "vm_document.hpp"

namespace qvm::sim {

bool Simulator::Impl::sleep_for(std::chrono::milliseconds d) {
  std::unique_lock lock(stop_mutex_);
  return !stop_cv_.wait_for(lock, d, [&] { return stopping_; });
}

Result<std::string> Simulator::Impl::start() {
  // A peer closing mid-body must not kill the process hosting the simulator.
  std::signal(SIGPIPE, SIG_IGN);
  if (options_.tls) {
    auto id = make_self_signed_identity();
    if (!id) return std::unexpected(id.error());
    if (!options_.ca_file.empty()) {
      if (auto ok = write_certificate_pem(*id, options_.ca_file); !ok) {
        return std::unexpected(ok.error());
      }
    }
    server_ = std::make_unique<httplib::SSLServer>(id->cert.get(), id->key.get());
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  if (!server_->is_valid())
    return make_error(ErrorKind::kInternal, "cannot create the HTTP server");
  const int threads = std::max(2, options_.threads);
  server_->new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  server_->set_keep_alive_timeout(options_.keep_alive_timeout.count());
  server_->set_keep_alive_max_count(100);
  server_->set_payload_max_length(64 * 1024 * 1024);
  install_header_order(*server_);
  httplib::Server::HandlerWithResponse error_page = [](const httplib::Request&,
                                                       httplib::Response& res) {
    if (res.status == 414 && !res.has_header("X-Qvm-Sim-Style")) {
      res.set_content(apache_414_page(), "text/html; charset=iso-8859-1");
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  };
  server_->set_error_handler(error_page);
  server_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    handle(req, res, req.body);
  });
  // A content reader keeps httplib from parsing form bodies itself, which it caps at 8 KB: long
  // POSTed ID lists are exactly what clients send to avoid 414.
  server_->Post(".*", [this](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& reader) {
    std::string body;
    reader([&](const char* data, size_t length) {
      body.append(data, length);
      return body.size() <= 64 * 1024 * 1024;
    });
    handle(req, res, body);
  });
  port_ = options_.port == 0
              ? server_->bind_to_any_port(options_.bind)
              : (server_->bind_to_port(options_.bind, options_.port) ? options_.port : -1);
  if (port_ <= 0) {
    return make_error(ErrorKind::kNetwork,
                      fmt::format("cannot listen on {}:{}", options_.bind, options_.port),
                      "pick another --port or --bind");
  }
  const bool v6 = options_.bind.find(':') != std::string::npos;
  base_url_ = fmt::format("{}://{}{}{}:{}", options_.tls ? "https" : "http", v6 ? "[" : "",
                          options_.bind, v6 ? "]" : "", port_);
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = false;
    running_ = true;
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // httplib's stop() does nothing before the accept loop runs, and the loop would then never
  // end: a stop() right after start() (a test, a failed demo) must find the server running.
  for (int waited_ms = 0; !server_->is_running() && waited_ms < 5000; ++waited_ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return base_url_;
}

void Simulator::Impl::stop() {
  {
    std::lock_guard lock(stop_mutex_);
    if (!running_) return;
    stopping_ = true;
    running_ = false;
  }
  stop_cv_.notify_all();
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

void Simulator::Impl::wait() {
  std::unique_lock lock(stop_mutex_);
  stop_cv_.wait(lock, [&] { return stopping_ || !running_; });
}

Simulator::Simulator(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Simulator::~Simulator() {
  stop();
}
Result<std::string> Simulator::start() {
  return impl_->start();
}
void Simulator::stop() {
  impl_->stop();
}
void Simulator::wait() {
  impl_->wait();
}
const std::string& Simulator::base_url() const {
  return impl_->base_url_;
}
int Simulator::port() const {
  return impl_->port_;
}
const Options& Simulator::options() const {
  return impl_->options_;
}
const Dataset& Simulator::dataset() const {
  return impl_->dataset_;
}

void Simulator::advance_clock(std::chrono::seconds by) {
  impl_->dataset_.advance_clock(by);
  impl_->limiter_.advance(by);
}

void Simulator::set_limits(Limits limits) {
  impl_->limiter_.set_limits(limits);
}
void Simulator::set_faults(std::vector<FaultRule> rules) {
  impl_->faults_.set(std::move(rules));
}
void Simulator::add_fault(FaultRule rule) {
  impl_->faults_.add(rule);
}
void Simulator::clear_faults() {
  impl_->faults_.set({});
}

Stats Simulator::stats() const {
  return impl_->stats_.snapshot();
}

void Simulator::reset_stats() {
  impl_->stats_.reset();
}

}  // namespace qvm::sim
