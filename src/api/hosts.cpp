// Host list (`/api/2.0/fo/asset/host/`): HOST records or the ID_SET of details=None, every page.
#include "api/client_impl.hpp"
#include "api/delivery_tracker.hpp"
#include "api/query_params.hpp"

namespace qvm {

Status Client::hosts(const HostListQuery& query, const HostListCallbacks& callbacks) {
  VmListSpec spec;
  spec.what = "host list";
  spec.path = "/api/2.0/fo/asset/host/";
  spec.params = {{"action", "list"}, {"details", query.details}};
  api::add_host_selection(query.hosts, spec.params);
  if (query.show_asset_id) spec.params.emplace_back("show_asset_id", "1");
  if (query.show_tags) spec.params.emplace_back("show_tags", "1");
  spec.params.emplace_back("truncation_limit", std::to_string(query.truncation_limit));

  api::DeliveryTracker tracker;
  std::uint64_t last_id = 0;  // ID sets: the highest ID delivered
  bool any_id = false;
  spec.begin_attempt = [&] { tracker.begin_attempt(); };
  spec.resume = [&](net::FormParams& params) {
    if (any_id) tracker.completed(last_id);
    tracker.resume(params);
  };
  spec.page_datetime = callbacks.page_datetime;
  spec.make_parser = [&] {
    HostListCallbacks wrapped;
    wrapped.host = [&](const Host& host) -> Status {
      if (!tracker.should_deliver(host.id)) return {};
      tracker.completed(host.id);
      return callbacks.host ? callbacks.host(host) : Status{};
    };
    wrapped.id = [&](const IdRange& range) -> Status {
      if (any_id && range.last <= last_id) return {};
      IdRange fresh = range;
      if (any_id && fresh.first <= last_id) fresh.first = last_id + 1;
      last_id = fresh.last;
      any_id = true;
      return callbacks.id ? callbacks.id(fresh) : Status{};
    };
    return make_host_list_parser(std::move(wrapped), impl_->xml_backend());
  };
  return impl_->fetch_vm_list(spec);
}

}  // namespace qvm
