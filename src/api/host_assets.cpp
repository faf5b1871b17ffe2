// QPS Asset Management host assets: search (paged by hasMoreRecords/lastId → id GREATER),
// get one, count. ServiceRequest bodies are XML POSTed as text/xml.
#include "api/client_impl.hpp"
#include "api/delivery_tracker.hpp"
#include "core/xml_escape.hpp"

namespace qvm {
namespace {

std::string service_request(const std::vector<QpsCriterion>& criteria, int limit_results) {
  std::string body = "<ServiceRequest>";
  if (limit_results > 0) {
    body += "<preferences><limitResults>" + std::to_string(limit_results) +
            "</limitResults></preferences>";
  }
  if (!criteria.empty()) {
    // Values go inside double quotes or element text, so the apostrophe is sent as typed.
    auto escape = [](std::string_view text) {
      return core::xml_escape(text, core::Apostrophe::kKeep);
    };
    body += "<filters>";
    for (const auto& c : criteria) {
      body += "<Criteria field=\"" + escape(c.field) + "\" operator=\"" + escape(c.op) + "\">" +
              escape(c.value) + "</Criteria>";
    }
    body += "</filters>";
  }
  return body + "</ServiceRequest>";
}

net::Request qps_request(const Client::Impl& impl, std::string_view path, std::string body) {
  net::Request request;
  request.method = net::Method::kPost;
  request.url = impl.url(path);
  request.body = std::move(body);
  request.content_type = "text/xml";
  return request;
}

}  // namespace

Status Client::host_assets(const HostAssetQuery& query,
                           const std::function<Status(const HostAsset&)>& asset) {
  std::vector<QpsCriterion> criteria = query.criteria;
  api::DeliveryTracker tracker;
  while (true) {
    QpsEnvelope envelope;
    auto request = qps_request(*impl_, "/qps/rest/2.0/search/am/hostasset",
                               service_request(criteria, query.limit_results));
    auto status = impl_->with_retries("host asset search", [&](int) -> CallResult {
      tracker.begin_attempt();
      auto parser =
          make_host_asset_parser({.asset = [&](const HostAsset& a) -> Status {
                                    if (!tracker.should_deliver(a.id)) return {};
                                    tracker.completed(a.id);
                                    return asset ? asset(a) : Status{};
                                  },
                                  .envelope = [&](const QpsEnvelope& e) { envelope = e; }},
                                 impl_->xml_backend());
      return impl_->call(request, *parser);
    });
    if (!status) return status;
    if (!envelope.has_more_records.value_or(false) || !envelope.last_id) return {};
    // The next page: the same search for IDs after the last one (GREATER is strict).
    std::erase_if(criteria,
                  [](const QpsCriterion& c) { return c.field == "id" && c.op == "GREATER"; });
    criteria.push_back({"id", "GREATER", std::to_string(*envelope.last_id)});
  }
}

Result<HostAsset> Client::host_asset(std::uint64_t id) {
  std::optional<HostAsset> found;
  net::Request request;
  request.method = net::Method::kGet;
  request.url = impl_->url("/qps/rest/2.0/get/am/hostasset/" + std::to_string(id));
  auto status = impl_->with_retries("host asset", [&](int) -> CallResult {
    found.reset();
    auto parser = make_host_asset_parser({.asset = [&](const HostAsset& a) -> Status {
                                            found = a;
                                            return {};
                                          },
                                          .envelope = nullptr},
                                         impl_->xml_backend());
    return impl_->call(request, *parser);
  });
  if (!status) return std::unexpected(status.error());
  if (!found) {
    return make_error(ErrorKind::kApi, "host asset " + std::to_string(id) + ": not found",
                      "check the asset ID (QPS asset IDs differ from VM host IDs)");
  }
  return *found;
}

Result<std::uint64_t> Client::count_host_assets(const HostAssetQuery& query) {
  QpsEnvelope envelope;
  auto request =
      qps_request(*impl_, "/qps/rest/2.0/count/am/hostasset", service_request(query.criteria, 0));
  auto status = impl_->with_retries("host asset count", [&](int) -> CallResult {
    auto parser = make_host_asset_parser(
        {.asset = nullptr, .envelope = [&](const QpsEnvelope& e) { envelope = e; }},
        impl_->xml_backend());
    return impl_->call(request, *parser);
  });
  if (!status) return std::unexpected(status.error());
  return static_cast<std::uint64_t>(envelope.count.value_or(0));
}

}  // namespace qvm
