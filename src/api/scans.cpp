// VM scan list (`/api/2.0/fo/scan/`): one response (Qualys does not page it).
#include "api/client_impl.hpp"
#include "api/query_params.hpp"

namespace qvm {

Status Client::scans(const ScanQuery& query, const std::function<Status(const Scan&)>& scan) {
  VmListSpec spec;
  spec.what = "scan list";
  spec.path = "/api/2.0/fo/scan/";
  spec.params = {{"action", "list"}};
  if (query.scan_ref) spec.params.emplace_back("scan_ref", *query.scan_ref);
  if (query.state) spec.params.emplace_back("state", *query.state);
  if (query.launched_after) {
    spec.params.emplace_back("launched_after_datetime", api::date_param(*query.launched_after));
  }
  if (query.launched_before) {
    spec.params.emplace_back("launched_before_datetime", api::date_param(*query.launched_before));
  }
  // A retry sends the whole list again: skip the scans an earlier attempt delivered.
  size_t delivered = 0;
  size_t seen = 0;
  spec.begin_attempt = [&] { seen = 0; };
  spec.make_parser = [&] {
    return make_scan_list_parser(
        [&](const Scan& s) -> Status {
          if (++seen <= delivered) return {};
          ++delivered;
          return scan ? scan(s) : Status{};
        },
        impl_->xml_backend());
  };
  return impl_->fetch_vm_list(spec);
}

}  // namespace qvm
