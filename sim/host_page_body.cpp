// The paging, keep-alive and WARNING logic shared by the host-paged VM lists.
#include "host_page_body.hpp"

#include "host_xml.hpp"

namespace qvm::sim {

bool HostPageBody::next(std::string& out) {
  if (!started_) {
    started_ = true;
    out += vm_prolog(options_, root_);
    XmlWriter w(out, 1);
    w.open("RESPONSE");
    w.text("DATETIME", data_.now());
  }
  while (out.size() < kFlushBytes) {
    auto index = next_match();
    if (!index) return finish(out);
    if (limit_ != 0 && emitted_ == limit_) {
      // One more host exists: the page ends with a WARNING pointing at it.
      pending_warning_id_ = data_.host_id(*index);
      return finish(out);
    }
    if (emitted_ == 0) XmlWriter(out, 2).open(list_element());
    if (options_.keepalive_every != 0 && emitted_ != 0 &&
        emitted_ % options_.keepalive_every == 0) {
      write_keepalive(out, root_);
    }
    ++emitted_;
    XmlWriter w(out, 3);
    write_record(w, *index);
  }
  return true;
}

bool HostPageBody::finish(std::string& out) {
  if (emitted_ != 0) XmlWriter(out, 3).close(list_element());
  if (pending_warning_id_) {
    Params p = params_;
    p.set("id_min", std::to_string(*pending_warning_id_));
    XmlWriter w(out, 2);
    write_truncation_warning(w, limit_, next_url_ + "?" + p.encode());
  }
  XmlWriter(out, 2).close("RESPONSE");
  out += vm_epilogue(options_, root_, data_.now());
  return false;
}

}  // namespace qvm::sim
