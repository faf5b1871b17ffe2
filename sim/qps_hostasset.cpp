// QPS Asset Management host asset calls from request to document: search (ServiceRequest
// Criteria, limitResults, hasMoreRecords/lastId paging), count and get. Errors are
// ServiceResponse documents with HTTP 200, as Qualys sends them.
#include <fmt/format.h>
#include <algorithm>
#include <cctype>

#include "endpoints.hpp"
#include "qps_criteria.hpp"
#include "qps_response.hpp"
#include "qps_search_request.hpp"

namespace qvm::sim {

std::unique_ptr<BodySource> qps_search_body(const RequestContext& ctx, std::string_view xml,
                                            QpsOperation operation) {
  auto req = parse_search_request(xml);
  if (!req) {
    return string_body(qps_error_document(ctx.options, "INVALID_REQUEST", req.error().message,
                                          req.error().resolution));
  }
  const auto ranges = candidate_ranges(ctx.data, *req);
  const bool needs_check = !req->criteria.empty();
  if (operation == QpsOperation::kCount) {
    std::uint64_t count = 0;
    for (const auto& [a, b] : ranges) {
      if (!needs_check) {
        count += b - a;
        continue;
      }
      for (auto i = a; i < b; ++i)
        count += matches(ctx.data, i, req->criteria) ? 1 : 0;
    }
    return string_body(qps_count_document(ctx.options, count));
  }
  std::vector<std::uint64_t> page;
  bool more = false;
  std::uint64_t skip = req->start_from_offset - 1;
  for (const auto& [a, b] : ranges) {
    for (auto i = a; i < b && !more; ++i) {
      if (needs_check && !matches(ctx.data, i, req->criteria)) continue;
      if (skip != 0) {
        --skip;
        continue;
      }
      if (page.size() == req->limit) {
        more = true;
      } else {
        page.push_back(i);
      }
    }
    if (more) break;
  }
  return host_asset_page_body(ctx.options, ctx.data, std::move(page), more);
}

std::unique_ptr<BodySource> qps_get_body(const RequestContext& ctx, std::string_view id) {
  std::uint64_t n = 0;
  bool numeric = !id.empty() &&
                 std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); });
  if (numeric) {
    try {
      n = std::stoull(std::string(id));
    } catch (...) {
      numeric = false;
    }
  }
  if (!numeric) {
    return string_body(qps_error_document(ctx.options, "INVALID_REQUEST",
                                          fmt::format("Invalid value format for id ({}).", id),
                                          "Specify the id as Long."));
  }
  auto index = ctx.data.asset_index(n);
  if (!index) {
    return string_body(qps_error_document(ctx.options, "NOT_FOUND",
                                          fmt::format("HostAsset with id {} not found.", n), ""));
  }
  return host_asset_page_body(ctx.options, ctx.data, {*index}, false);
}

}  // namespace qvm::sim
