// The document builders of each endpoint: validate the request's parameters, then return a body
// that streams the answer from the dataset (or the Qualys error for bad parameters).
#pragma once

#include <memory>
#include <string>

#include "body_source.hpp"
#include "params.hpp"
#include "qvm_sim/dataset.hpp"
#include "qvm_sim/options.hpp"

namespace qvm::sim {

struct RequestContext {
  const Options& options;
  DataView data;
  Params params;         // query string then form body, in request order
  std::string next_url;  // absolute URL of this endpoint for WARNING/URL (no query)
  std::string user;
};

using BodyResult = ApiResult<std::unique_ptr<BodySource>>;

BodyResult host_list_body(const RequestContext& request);
BodyResult detection_body(const RequestContext& request);
BodyResult knowledge_base_body(const RequestContext& request);
BodyResult scan_list_body(const RequestContext& request);
std::unique_ptr<BodySource> about_body(const RequestContext& request);

// QPS. Errors come back as ServiceResponse documents with HTTP 200, so these never fail.
enum class QpsOperation { kSearch, kCount };
std::unique_ptr<BodySource> qps_search_body(const RequestContext& request, std::string_view xml,
                                            QpsOperation operation);
std::unique_ptr<BodySource> qps_get_body(const RequestContext& request, std::string_view id);
std::string qps_error_document(const Options& o, std::string_view response_code,
                               std::string_view message, std::string_view resolution);

}  // namespace qvm::sim
