// The simulator's HTTP front: routing, the Apache-level answers (301, 414), authentication
// (basic, QualysSession), X-Requested-With, faults, limits, then the endpoint's document.
#include <httplib.h>

#include <fmt/format.h>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <random>
#include <thread>

#include "endpoints.hpp"
#include "faults.hpp"
#include "limits.hpp"
#include "qvm_sim/simulator.hpp"
#include "reply.hpp"
#include "tls_cert.hpp"
#include "vm_document.hpp"

namespace qvm::sim {
namespace {

// The body of the request this thread is handling (the log shows short form bodies).
thread_local std::string current_body;

struct Route {
  Endpoint endpoint;
  bool redirect = false;  // path without its trailing slash
  std::string qps_id;
};

std::optional<Route> route(const std::string& path) {
  static constexpr Endpoint kVm[] = {Endpoint::kSession, Endpoint::kHostList, Endpoint::kDetections,
                                     Endpoint::kKnowledgeBase, Endpoint::kScanList};
  for (auto e : kVm) {
    auto p = endpoint_path(e);
    if (path == p) return Route{e, false, {}};
    if (path == p.substr(0, p.size() - 1)) return Route{e, true, {}};
  }
  if (path == endpoint_path(Endpoint::kAbout)) return Route{Endpoint::kAbout, false, {}};
  for (auto e : {Endpoint::kQpsSearch, Endpoint::kQpsCount}) {
    auto p = std::string(endpoint_path(e));
    if (path == p || path == p + "/") return Route{e, false, {}};
  }
  auto get = std::string(endpoint_path(Endpoint::kQpsGet));
  if (path.starts_with(get) && path.size() > get.size()) {
    auto id = path.substr(get.size());
    if (id.ends_with('/')) id.pop_back();
    if (id.find('/') == std::string::npos) return Route{Endpoint::kQpsGet, false, id};
  }
  return std::nullopt;
}

std::string base64_decode(std::string_view in) {
  static constexpr std::string_view chars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    auto pos = chars.find(c);
    if (pos == std::string_view::npos) break;
    val = (val << 6) + static_cast<int>(pos);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string redact_password(std::string text) {
  for (auto key : {"password="}) {
    size_t pos = 0;
    while ((pos = text.find(key, pos)) != std::string::npos) {
      pos += std::string_view(key).size();
      auto end = text.find('&', pos);
      text.replace(pos, end == std::string::npos ? std::string::npos : end - pos, "***");
    }
  }
  return text;
}

std::string apache_error_page(int status, std::string_view title, std::string_view text) {
  return fmt::format(
      "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>{} {}</title>\n"
      "</head><body>\n<h1>{}</h1>\n<p>{}</p>\n</body></html>\n",
      status, title, title, text);
}

}  // namespace

EndpointStats Stats::of(Endpoint e) const {
  auto it = endpoints.find(std::string(endpoint_path(e)));
  return it == endpoints.end() ? EndpointStats{} : it->second;
}

class Simulator::Impl {
 public:
  explicit Impl(Options o)
      : options_(std::move(o)),
        dataset_(options_),
        limiter_(options_.limits),
        faults_(options_.seed, options_.faults) {}

  Result<std::string> start();
  void stop();
  void wait();
  void handle(const httplib::Request& req, httplib::Response& res, const std::string& body);

  Options options_;
  Dataset dataset_;
  RateLimiter limiter_;
  FaultPlan faults_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::string base_url_;
  int port_ = 0;

  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  bool running_ = false;

  mutable std::mutex stats_mutex_;
  Stats stats_;
  std::map<Endpoint, int> in_flight_;

  std::mutex sessions_mutex_;
  std::map<std::string, std::string> sessions_;  // QualysSession id → user

 private:
  bool sleep_for(std::chrono::milliseconds d) {
    std::unique_lock lock(stop_mutex_);
    return !stop_cv_.wait_for(lock, d, [&] { return stopping_; });
  }
  void begin_call(Endpoint e);
  void end_call(Endpoint e, int status, bool fault);
  std::optional<std::string> basic_user(const httplib::Request& req) const;
  std::optional<std::string> session_user(const httplib::Request& req);
  bool expired(const std::string& user) const;
  void reply(httplib::Response& res, Reply r, Endpoint e, const httplib::Request& req,
             const std::string& user, bool admitted, bool fault);

  std::vector<std::pair<std::string, std::string>> limit_headers(const LimitSnapshot& s) const;
  Params request_params(const httplib::Request& req, const std::string& body) const;
  Reply simple(int status, int code, std::string text, bool declaration = true) const;
  void handle_vm(const httplib::Request& req, httplib::Response& res, const Route& r,
                 const std::string& body);
  void handle_session(const httplib::Request& req, httplib::Response& res, const std::string& body);
  void handle_qps(const httplib::Request& req, httplib::Response& res, const Route& r,
                  const std::string& body);
};

void Simulator::Impl::begin_call(Endpoint e) {
  std::lock_guard lock(stats_mutex_);
  auto& s = stats_.endpoints[std::string(endpoint_path(e))];
  ++s.calls;
  ++stats_.total_calls;
  s.max_concurrent = std::max(s.max_concurrent, ++in_flight_[e]);
}

void Simulator::Impl::end_call(Endpoint e, int status, bool fault) {
  std::lock_guard lock(stats_mutex_);
  auto& s = stats_.endpoints[std::string(endpoint_path(e))];
  ++s.statuses[status];
  if (fault) ++s.faults;
  --in_flight_[e];
}

std::optional<std::string> Simulator::Impl::basic_user(const httplib::Request& req) const {
  auto auth = req.get_header_value("Authorization");
  if (!auth.starts_with("Basic ")) return std::nullopt;
  auto decoded = base64_decode(std::string_view(auth).substr(6));
  auto colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  auto name = decoded.substr(0, colon), password = decoded.substr(colon + 1);
  for (const auto& [u, p] : options_.users) {
    if (u == name && p == password) return name;
  }
  return std::nullopt;
}

std::optional<std::string> Simulator::Impl::session_user(const httplib::Request& req) {
  auto cookie = req.get_header_value("Cookie");
  auto pos = cookie.find("QualysSession=");
  if (pos == std::string::npos) return std::nullopt;
  auto id = cookie.substr(pos + 14);
  id = id.substr(0, id.find_first_of("; "));
  std::lock_guard lock(sessions_mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

bool Simulator::Impl::expired(const std::string& user) const {
  return std::find(options_.expired_users.begin(), options_.expired_users.end(), user) !=
         options_.expired_users.end();
}

std::vector<std::pair<std::string, std::string>> Simulator::Impl::limit_headers(
    const LimitSnapshot& s) const {
  return {{"X-RateLimit-Limit", std::to_string(s.limit)},
          {"X-RateLimit-Window-Sec", std::to_string(s.window_sec)},
          {"X-Concurrency-Limit-Limit", std::to_string(s.concurrency_limit)},
          {"X-Concurrency-Limit-Running", std::to_string(s.running)},
          {"X-RateLimit-ToWait-Sec", std::to_string(s.to_wait_sec)},
          {"X-RateLimit-Remaining", std::to_string(s.remaining)}};
}

Params Simulator::Impl::request_params(const httplib::Request& req, const std::string& body) const {
  Params p;
  auto q = req.target.find('?');
  if (q != std::string::npos) p.parse(std::string_view(req.target).substr(q + 1));
  if (req.method == "POST" &&
      req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    p.parse(body);
  }
  return p;
}

Reply Simulator::Impl::simple(int status, int code, std::string text, bool declaration) const {
  Reply r;
  r.status = status;
  r.content_type = "text/xml;charset=UTF-8";
  r.body = string_body(simple_return(options_, dataset_.now(), code, text, {}, declaration));
  return r;
}

void Simulator::Impl::reply(httplib::Response& res, Reply r, Endpoint e,
                            const httplib::Request& req, const std::string& user, bool admitted,
                            bool fault) {
  const auto status = r.status;
  StreamHooks hooks;
  hooks.sleep = [this](std::chrono::milliseconds d) { return sleep_for(d); };
  auto line = fmt::format("{} {} \"{} {}\"", http_date(), req.remote_addr, req.method,
                          redact_password(req.target));
  if (req.method == "POST" && !current_body.empty() && current_body.size() < 512 &&
      req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    line += " body=\"" + redact_password(current_body) + "\"";
  }
  if (req.has_header("Authorization")) line += " authorization=[redacted]";
  hooks.done = [this, e, admitted, fault, line = std::move(line), user](int code,
                                                                        std::uint64_t bytes) {
    if (admitted) limiter_.finish(e);
    end_call(e, code, fault);
    if (options_.log) {
      options_.log(
          fmt::format("{} {} bytes={} user={}", line, code, bytes, user.empty() ? "-" : user));
    }
  };
  (void)status;
  send_reply(std::move(r), res, std::move(hooks));
}

void Simulator::Impl::handle(const httplib::Request& req, httplib::Response& res,
                             const std::string& body) {
  current_body = body.size() < 512 ? body : std::string();
  if (req.target.size() > options_.max_url_length) {
    Reply r;
    r.status = 414;
    r.style = HeaderStyle::kApache;
    r.content_type = "text/html; charset=iso-8859-1";
    r.chunked = false;
    r.close = true;
    r.body = string_body(apache_414_page());
    send_reply(std::move(r), res, {});
    return;
  }
  auto rt = route(req.path);
  if (!rt) {
    Reply r;
    r.status = 404;
    r.style = HeaderStyle::kApache;
    r.content_type = "text/html; charset=iso-8859-1";
    r.chunked = false;
    r.body = string_body(
        apache_error_page(404, "Not Found", "The requested URL was not found on this server."));
    send_reply(std::move(r), res, {});
    return;
  }
  if (rt->redirect) {
    Reply r;
    r.status = 301;
    r.style = HeaderStyle::kVm;
    r.content_type = "text/html; charset=iso-8859-1";
    r.chunked = false;
    r.headers = {{"Location", base_url_ + req.path + "/"}};
    r.body = string_body(
        apache_301_page(fmt::format("http://{}:443{}/", options_.platform_host, req.path)));
    send_reply(std::move(r), res, {});
    return;
  }
  if (rt->endpoint == Endpoint::kSession) {
    handle_session(req, res, body);
  } else if (rt->endpoint == Endpoint::kQpsSearch || rt->endpoint == Endpoint::kQpsCount ||
             rt->endpoint == Endpoint::kQpsGet) {
    handle_qps(req, res, *rt, body);
  } else {
    handle_vm(req, res, *rt, body);
  }
}

void Simulator::Impl::handle_vm(const httplib::Request& req, httplib::Response& res,
                                const Route& rt, const std::string& body_text) {
  const auto e = rt.endpoint;
  begin_call(e);
  const bool v2 = e != Endpoint::kAbout;
  std::optional<std::string> user = v2 ? session_user(req) : std::nullopt;
  if (!user) user = basic_user(req);
  if (!user) {
    Reply r = simple(401, 2000, "Bad Login/Password");
    reply(res, std::move(r), e, req, "", false, false);
    return;
  }
  if (expired(*user)) {
    reply(res, simple(200, 2001, "This account has expired."), e, req, *user, false, false);
    return;
  }
  if (v2 && options_.requested_with.required && !req.has_header("X-Requested-With")) {
    const auto& p = options_.requested_with;
    reply(res, simple(p.http_status, p.code, p.text), e, req, *user, false, false);
    return;
  }
  auto fault = faults_.on_call(e);
  if (fault) {
    auto kind = fault->kind;
    if (kind == FaultKind::kHttp500 || kind == FaultKind::kHttp502 || kind == FaultKind::kHttp503) {
      const int status = kind == FaultKind::kHttp500   ? 500
                         : kind == FaultKind::kHttp502 ? 502
                                                       : 503;
      const auto* title = status == 500   ? "Internal Server Error"
                          : status == 502 ? "Bad Gateway"
                                          : "Service Unavailable";
      Reply r;
      r.status = status;
      r.style = HeaderStyle::kApache;
      r.content_type = "text/html; charset=iso-8859-1";
      r.chunked = false;
      r.body = string_body(apache_error_page(
          status, title, "The server is temporarily unable to service your request."));
      reply(res, std::move(r), e, req, *user, false, true);
      return;
    }
    if (kind == FaultKind::kRate409 || kind == FaultKind::kConcurrency409) {
      auto snap = limiter_.peek(e);
      Reply r;
      r.status = 409;
      r.content_type = "text/xml;charset=UTF-8";
      if (kind == FaultKind::kRate409) {
        const std::int64_t wait = std::max<std::int64_t>(1, fault->duration.count() / 1000);
        snap.to_wait_sec = wait;
        snap.remaining = 0;
        r.body = string_body(simple_return(options_, dataset_.now(), 1965, rate_limit_text(wait),
                                           {{"SECONDS_TO_WAIT", std::to_string(wait)}}));
      } else {
        snap.running = std::max(snap.running, snap.concurrency_limit);
        r.body = string_body(simple_return(options_, dataset_.now(), 1960,
                                           concurrency_limit_text(1), {{"CALLS_TO_FINISH", "1"}}));
      }
      r.headers = limit_headers(snap);
      reply(res, std::move(r), e, req, *user, false, true);
      return;
    }
    if (kind == FaultKind::kErrorIn200) {
      Reply r = simple(200, 999, "Internal error. Please contact customer support.");
      r.headers = limit_headers(limiter_.peek(e));
      reply(res, std::move(r), e, req, *user, false, true);
      return;
    }
  }
  auto admission = limiter_.admit(e);
  if (!admission.admitted) {
    Reply r;
    r.status = 409;
    r.content_type = "text/xml;charset=UTF-8";
    if (admission.code == 1960) {
      r.body = string_body(simple_return(
          options_, dataset_.now(), 1960, concurrency_limit_text(admission.calls_to_finish),
          {{"CALLS_TO_FINISH", std::to_string(admission.calls_to_finish)}}));
    } else {
      r.body = string_body(simple_return(
          options_, dataset_.now(), 1965, rate_limit_text(admission.headers.to_wait_sec),
          {{"SECONDS_TO_WAIT", std::to_string(admission.headers.to_wait_sec)}}));
    }
    r.headers = limit_headers(admission.headers);
    reply(res, std::move(r), e, req, *user, false, false);
    return;
  }
  if (fault && fault->kind == FaultKind::kDelay && !sleep_for(fault->duration)) {
    reply(res, simple(503, 0, "stopping"), e, req, *user, true, true);
    return;
  }
  const auto base = options_.next_url_base.empty() ? base_url_ : options_.next_url_base;
  RequestContext ctx{options_, dataset_.view(), request_params(req, body_text),
                     base + std::string(endpoint_path(e)), *user};
  BodyResult body = std::unexpected(ApiError{});
  switch (e) {
    case Endpoint::kHostList:
      body = host_list_body(ctx);
      break;
    case Endpoint::kDetections:
      body = detection_body(ctx);
      break;
    case Endpoint::kKnowledgeBase:
      body = knowledge_base_body(ctx);
      break;
    case Endpoint::kScanList:
      body = scan_list_body(ctx);
      break;
    default:
      body = about_body(ctx);
      break;
  }
  Reply r;
  r.headers = limit_headers(admission.headers);
  if (!body) {
    // Recorded 400s: no XML declaration, "Connection: close", rate-limit headers still present.
    r.status = body.error().http_status;
    r.close = true;
    r.body = string_body(
        simple_return(options_, dataset_.now(), body.error().code, body.error().text, {}, false));
  } else {
    r.body = std::move(*body);
    if (fault && fault->kind != FaultKind::kDelay) r.fault = fault;
  }
  reply(res, std::move(r), e, req, *user, true, fault.has_value());
}

void Simulator::Impl::handle_session(const httplib::Request& req, httplib::Response& res,
                                     const std::string& body) {
  const auto e = Endpoint::kSession;
  begin_call(e);
  auto no_cache = [](Reply& r) {
    r.headers.insert(
        r.headers.begin(),
        {{"Expires", "Thu, 19 Nov 1981 08:52:00 GMT"},
         {"Cache-Control", "no-store, no-cache, must-revalidate, post-check=0, pre-check=0"},
         {"Pragma", "no-cache"}});
  };
  if (options_.requested_with.required && !req.has_header("X-Requested-With")) {
    const auto& p = options_.requested_with;
    reply(res, simple(p.http_status, p.code, p.text), e, req, "", false, false);
    return;
  }
  auto fault = faults_.on_call(e);
  const Params params = request_params(req, body);
  const auto* action = params.get("action");
  if (!action) {
    Reply r = simple(400, 1903, "Missing required parameter(s): action");
    no_cache(r);
    reply(res, std::move(r), e, req, "", false, fault.has_value());
    return;
  }
  if (auto unknown = params.unknown({"action", "username", "password"}); !unknown.empty()) {
    reply(res, simple(400, 1901, "Unrecognized parameter(s): " + unknown, false), e, req, "", false,
          false);
    return;
  }
  if (*action == "login") {
    const auto* name = params.get("username");
    const auto* password = params.get("password");
    if (!name || !password) {
      reply(res, simple(400, 1903, "Missing required parameter(s): username, password", false), e,
            req, "", false, false);
      return;
    }
    bool ok = false;
    for (const auto& [u, p] : options_.users)
      ok = ok || (u == *name && p == *password);
    if (!ok) {
      reply(res, simple(401, 2000, "Bad Login/Password"), e, req, "", false, false);
      return;
    }
    if (expired(*name)) {
      reply(res, simple(200, 2001, "This account has expired."), e, req, *name, false, false);
      return;
    }
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    const auto id = fmt::format("{:016x}{:016x}", rng(), rng());
    {
      std::lock_guard lock(sessions_mutex_);
      sessions_[id] = *name;
    }
    Reply r = simple(200, 0, "Logged in");
    r.headers.emplace_back("Set-Cookie", "QualysSession=" + id + "; path=/api; secure");
    no_cache(r);
    reply(res, std::move(r), e, req, *name, false, fault.has_value());
    return;
  }
  if (*action == "logout") {
    auto cookie = req.get_header_value("Cookie");
    auto pos = cookie.find("QualysSession=");
    bool found = false;
    if (pos != std::string::npos) {
      auto id = cookie.substr(pos + 14);
      id = id.substr(0, id.find_first_of("; "));
      std::lock_guard lock(sessions_mutex_);
      found = sessions_.erase(id) != 0;
    }
    if (!found) {
      reply(res, simple(401, 2000, "Bad Login/Password"), e, req, "", false, false);
      return;
    }
    Reply r = simple(200, 0, "Logged out");
    no_cache(r);
    reply(res, std::move(r), e, req, "", false, fault.has_value());
    return;
  }
  reply(res, simple(400, 1905, std::string(invalid_value("action", *action).text), false), e, req,
        "", false, false);
}

void Simulator::Impl::handle_qps(const httplib::Request& req, httplib::Response& res,
                                 const Route& rt, const std::string& body) {
  const auto e = rt.endpoint;
  begin_call(e);
  Reply r;
  r.style = HeaderStyle::kQps;
  auto user = basic_user(req);
  if (!user) {
    r.body =
        string_body(qps_error_document(options_, "INVALID_CREDENTIALS", "Authentication failed",
                                       "Verify both, user and password credentials."));
    reply(res, std::move(r), e, req, "", false, false);
    return;
  }
  auto fault = faults_.on_call(e);
  if (fault) {
    auto kind = fault->kind;
    if (kind == FaultKind::kHttp500 || kind == FaultKind::kHttp502 || kind == FaultKind::kHttp503 ||
        kind == FaultKind::kRate409 || kind == FaultKind::kConcurrency409) {
      const int status = kind == FaultKind::kHttp500   ? 500
                         : kind == FaultKind::kHttp502 ? 502
                         : kind == FaultKind::kHttp503 ? 503
                                                       : 409;
      r.status = status;
      r.body = string_body(qps_error_document(options_, "OTHER_ERROR",
                                              "An error occurred during request processing. "
                                              "Please contact your account manager.",
                                              ""));
      reply(res, std::move(r), e, req, *user, false, true);
      return;
    }
    if (kind == FaultKind::kErrorIn200) {
      r.body = string_body(qps_error_document(options_, "OTHER_ERROR",
                                              "An error occurred during request processing. "
                                              "Please contact your account manager.",
                                              ""));
      reply(res, std::move(r), e, req, *user, false, true);
      return;
    }
    if (kind == FaultKind::kDelay) sleep_for(fault->duration);
  }
  RequestContext ctx{options_, dataset_.view(), {}, "", *user};
  if (e == Endpoint::kQpsGet) {
    r.body = qps_get_body(ctx, rt.qps_id);
  } else {
    r.body = qps_search_body(
        ctx, body, e == Endpoint::kQpsCount ? QpsOperation::kCount : QpsOperation::kSearch);
  }
  if (fault && fault->kind != FaultKind::kDelay) r.fault = fault;
  reply(res, std::move(r), e, req, *user, false, fault.has_value());
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
  std::lock_guard lock(impl_->stats_mutex_);
  return impl_->stats_;
}

void Simulator::reset_stats() {
  std::lock_guard lock(impl_->stats_mutex_);
  impl_->stats_ = Stats{};
}

}  // namespace qvm::sim
