// A VM API call from request to document: login (QualysSession or basic), expired accounts,
// X-Requested-With, call faults, the rate and concurrency limits, then the endpoint's document.
#include "call_faults.hpp"
#include "endpoints.hpp"
#include "simulator_impl.hpp"
#include "vm_document.hpp"

namespace qvm::sim {

void Simulator::Impl::handle_vm(const httplib::Request& req, httplib::Response& res,
                                const Route& rt, const std::string& body_text) {
  const auto e = rt.endpoint;
  stats_.begin(e);
  const bool v2 = e != Endpoint::kAbout;
  std::optional<std::string> user = v2 ? auth_.session_user(req) : std::nullopt;
  if (!user) user = auth_.basic_user(req);
  if (!user) {
    reply(res, simple(401, 2000, "Bad Login/Password"), e, req, "", false, false);
    return;
  }
  if (auth_.expired(*user)) {
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
    if (auto r = vm_fault_reply(*fault, e, limiter_, options_, dataset_)) {
      reply(res, std::move(*r), e, req, *user, false, true);
      return;
    }
  }
  auto admission = limiter_.admit(e);
  if (!admission.admitted) {
    Reply r = admission.code == 1960
                  ? concurrency_limit_reply(options_, dataset_.now(), admission.headers,
                                            admission.calls_to_finish)
                  : rate_limit_reply(options_, dataset_.now(), admission.headers);
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

}  // namespace qvm::sim
