// SIMPLE_RETURN replies: errors, texts and the limit 409s.
#include "simple_return_reply.hpp"

#include "vm_document.hpp"

namespace qvm::sim {

Reply simple_return_reply(const Options& o, Timestamp now, int status, int code,
                          std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& items,
                          bool xml_declaration) {
  Reply r;
  r.status = status;
  r.content_type = "text/xml;charset=UTF-8";
  r.body = string_body(simple_return(o, now, code, text, items, xml_declaration));
  return r;
}

Reply rate_limit_reply(const Options& o, Timestamp now, const LimitSnapshot& limits) {
  Reply r = simple_return_reply(o, now, 409, 1965, rate_limit_text(limits.to_wait_sec),
                                {{"SECONDS_TO_WAIT", std::to_string(limits.to_wait_sec)}});
  r.headers = limit_headers(limits);
  return r;
}

Reply concurrency_limit_reply(const Options& o, Timestamp now, const LimitSnapshot& limits,
                              int calls_to_finish) {
  Reply r = simple_return_reply(o, now, 409, 1960, concurrency_limit_text(calls_to_finish),
                                {{"CALLS_TO_FINISH", std::to_string(calls_to_finish)}});
  r.headers = limit_headers(limits);
  return r;
}

}  // namespace qvm::sim
