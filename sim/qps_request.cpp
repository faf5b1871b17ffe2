// A QPS call from request to document: basic authentication (QPS knows no sessions), call faults
// as ServiceResponse errors, then the host asset search, count or get.
#include "call_faults.hpp"
#include "endpoints.hpp"
#include "simulator_impl.hpp"

namespace qvm::sim {

void Simulator::Impl::handle_qps(const httplib::Request& req, httplib::Response& res,
                                 const Route& rt, const std::string& body) {
  const auto e = rt.endpoint;
  stats_.begin(e);
  Reply r;
  r.style = HeaderStyle::kQps;
  auto user = auth_.basic_user(req);
  if (!user) {
    r.body =
        string_body(qps_error_document(options_, "INVALID_CREDENTIALS", "Authentication failed",
                                       "Verify both, user and password credentials."));
    reply(res, std::move(r), e, req, "", false, false);
    return;
  }
  auto fault = faults_.on_call(e);
  if (fault) {
    if (auto fault_reply = qps_fault_reply(*fault, options_)) {
      reply(res, std::move(*fault_reply), e, req, *user, false, true);
      return;
    }
    if (fault->kind == FaultKind::kDelay) sleep_for(fault->duration);
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

}  // namespace qvm::sim
