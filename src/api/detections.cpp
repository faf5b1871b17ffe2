// Host list detection (`/api/2.0/fo/asset/host/vm/detection/`), paged by host, POSTed.
#include "api/client_impl.hpp"
#include "api/delivery_tracker.hpp"
#include "api/query_params.hpp"

namespace qvm {

Status Client::detections(const DetectionQuery& query, const DetectionCallbacks& callbacks) {
  VmListSpec spec;
  spec.what = "host list detection";
  spec.path = "/api/2.0/fo/asset/host/vm/detection/";
  spec.params = {{"action", "list"}};
  api::add_host_selection(query.hosts, spec.params);
  if (!query.qids.empty()) spec.params.emplace_back("qids", format_id_ranges(query.qids));
  if (!query.severities.empty()) {
    std::string severities;
    for (int s : query.severities) {
      if (!severities.empty()) severities += ',';
      severities += std::to_string(s);
    }
    spec.params.emplace_back("severities", severities);
  }
  if (!query.status.empty()) {
    std::string status;
    for (const auto& s : query.status) {
      if (!status.empty()) status += ',';
      status += s;
    }
    spec.params.emplace_back("status", status);
  }
  spec.params.emplace_back("show_results", query.show_results ? "1" : "0");
  if (query.show_igs) spec.params.emplace_back("show_igs", "1");
  if (query.include_vuln_type)
    spec.params.emplace_back("include_vuln_type", *query.include_vuln_type);
  if (query.detection_updated_since) {
    spec.params.emplace_back("detection_updated_since",
                             api::date_param(*query.detection_updated_since));
  }
  if (query.show_qds) spec.params.emplace_back("show_qds", "1");
  if (query.show_asset_id) spec.params.emplace_back("show_asset_id", "1");
  spec.params.emplace_back("truncation_limit", std::to_string(query.truncation_limit));

  api::DeliveryTracker tracker;
  spec.begin_attempt = [&] { tracker.begin_attempt(); };
  spec.resume = [&](net::FormParams& params) { tracker.resume(params); };
  spec.page_datetime = callbacks.page_datetime;
  spec.make_parser = [&] {
    DetectionCallbacks wrapped;
    wrapped.detection = [&](const Host& host, Detection& d) -> Status {
      if (!tracker.should_deliver(host.id)) return {};
      return callbacks.detection ? callbacks.detection(host, d) : Status{};
    };
    wrapped.host_end = [&](const Host& host, size_t count) -> Status {
      bool fresh = !tracker.is_done(host.id);
      tracker.completed(host.id);
      return fresh && callbacks.host_end ? callbacks.host_end(host, count) : Status{};
    };
    return make_detection_parser(std::move(wrapped), impl_->xml_backend());
  };
  return impl_->fetch_vm_list(spec);
}

}  // namespace qvm
