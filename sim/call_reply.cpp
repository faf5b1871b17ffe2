// The end of every routed call: its Reply goes on the wire, and once the body is out (or
// abandoned) the limiter slot is freed, the status counted and the access-log line written.
#include "access_log.hpp"
#include "simulator_impl.hpp"

namespace qvm::sim {

void Simulator::Impl::reply(httplib::Response& res, Reply r, Endpoint e,
                            const httplib::Request& req, const std::string& user, bool admitted,
                            bool fault) {
  StreamHooks hooks;
  hooks.sleep = [this](std::chrono::milliseconds d) { return sleep_for(d); };
  hooks.done = [this, e, admitted, fault, request = access_log_request(req), user](
                   int code, std::uint64_t bytes) {
    if (admitted) limiter_.finish(e);
    stats_.end(e, code, fault);
    if (options_.log) options_.log(access_log_line(request, code, bytes, user));
  };
  send_reply(std::move(r), res, std::move(hooks));
}

}  // namespace qvm::sim
