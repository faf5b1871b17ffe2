// KnowledgeBase (`/api/2.0/fo/knowledge_base/vuln/`): QID lists in batches (Qualys does not
// page the KB, and a long GET would meet a 414), each batch POSTed and retried on its own.
#include "api/client_impl.hpp"
#include "api/delivery_tracker.hpp"
#include "api/query_params.hpp"

namespace qvm {

Status Client::knowledge_base(const KnowledgeBaseQuery& query,
                              const KnowledgeBaseCallbacks& callbacks) {
  std::vector<std::vector<IdRange>> batches;
  size_t batch_size = std::max<size_t>(1, query.batch_size);
  for (size_t i = 0; i < query.ids.size(); i += batch_size) {
    batches.emplace_back(query.ids.begin() + static_cast<std::ptrdiff_t>(i),
                         query.ids.begin() + static_cast<std::ptrdiff_t>(
                                                 std::min(query.ids.size(), i + batch_size)));
  }
  if (batches.empty()) batches.emplace_back();  // no IDs: the whole KnowledgeBase

  for (const auto& batch : batches) {
    VmListSpec spec;
    spec.what = "KnowledgeBase";
    spec.path = "/api/2.0/fo/knowledge_base/vuln/";
    spec.params = {{"action", "list"}, {"details", query.details}};
    if (!batch.empty()) spec.params.emplace_back("ids", format_id_ranges(batch));
    if (query.last_modified_after) {
      spec.params.emplace_back("last_modified_after", api::date_param(*query.last_modified_after));
    }
    if (query.published_after) {
      spec.params.emplace_back("published_after", api::date_param(*query.published_after));
    }
    if (query.is_patchable)
      spec.params.emplace_back("is_patchable", *query.is_patchable ? "1" : "0");

    api::DeliveryTracker tracker;
    spec.begin_attempt = [&] { tracker.begin_attempt(); };
    spec.resume = [&](net::FormParams& params) { tracker.resume(params); };
    spec.page_datetime = callbacks.page_datetime;
    spec.make_parser = [&] {
      KnowledgeBaseCallbacks wrapped;
      wrapped.vuln = [&](const Vuln& vuln) -> Status {
        if (!tracker.should_deliver(vuln.qid)) return {};
        tracker.completed(vuln.qid);
        return callbacks.vuln ? callbacks.vuln(vuln) : Status{};
      };
      wrapped.id = callbacks.id;
      return make_knowledge_base_parser(std::move(wrapped), impl_->xml_backend());
    };
    if (auto s = impl_->fetch_vm_list(spec); !s) return s;
  }
  return {};
}

}  // namespace qvm
