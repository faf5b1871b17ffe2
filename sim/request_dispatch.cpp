// Where each request goes: the Apache front end answers first (414 for long URLs, 404 for unknown
// paths, 301 to the trailing slash), then the session, QPS or VM API handler takes the call.
#include "access_log.hpp"
#include "apache_replies.hpp"
#include "simulator_impl.hpp"

namespace qvm::sim {

void Simulator::Impl::handle(const httplib::Request& req, httplib::Response& res,
                             const std::string& body) {
  remember_request_body(body);
  if (req.target.size() > options_.max_url_length) {
    send_reply(uri_too_long_reply(), res, {});
    return;
  }
  auto rt = route(req.path);
  if (!rt) {
    send_reply(not_found_reply(), res, {});
    return;
  }
  if (rt->redirect) {
    send_reply(trailing_slash_redirect(base_url_, options_.platform_host, req.path), res, {});
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

}  // namespace qvm::sim
