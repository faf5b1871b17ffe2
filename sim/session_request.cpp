// The session endpoint (/api/2.0/fo/session/): login hands out a QualysSession cookie and logout
// ends it, with Qualys' no-cache headers and its parameter errors.
#include "simulator_impl.hpp"

namespace qvm::sim {
namespace {

void add_no_cache_headers(Reply& r) {
  r.headers.insert(
      r.headers.begin(),
      {{"Expires", "Thu, 19 Nov 1981 08:52:00 GMT"},
       {"Cache-Control", "no-store, no-cache, must-revalidate, post-check=0, pre-check=0"},
       {"Pragma", "no-cache"}});
}

}  // namespace

void Simulator::Impl::handle_session(const httplib::Request& req, httplib::Response& res,
                                     const std::string& body) {
  const auto e = Endpoint::kSession;
  stats_.begin(e);
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
    add_no_cache_headers(r);
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
    if (!auth_.valid_password(*name, *password)) {
      reply(res, simple(401, 2000, "Bad Login/Password"), e, req, "", false, false);
      return;
    }
    if (auth_.expired(*name)) {
      reply(res, simple(200, 2001, "This account has expired."), e, req, *name, false, false);
      return;
    }
    const auto id = auth_.open_session(*name);
    Reply r = simple(200, 0, "Logged in");
    r.headers.emplace_back("Set-Cookie", "QualysSession=" + id + "; path=/api; secure");
    add_no_cache_headers(r);
    reply(res, std::move(r), e, req, *name, false, fault.has_value());
    return;
  }
  if (*action == "logout") {
    if (!auth_.close_session(req)) {
      reply(res, simple(401, 2000, "Bad Login/Password"), e, req, "", false, false);
      return;
    }
    Reply r = simple(200, 0, "Logged out");
    add_no_cache_headers(r);
    reply(res, std::move(r), e, req, "", false, fault.has_value());
    return;
  }
  reply(res, simple(400, 1905, std::string(invalid_value("action", *action).text), false), e, req,
        "", false, false);
}

}  // namespace qvm::sim
