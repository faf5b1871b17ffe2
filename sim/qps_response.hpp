// The ServiceResponse documents of QPS host assets: the count, a page of assets streamed one
// asset at a time, and the error documents (qps_error_document in endpoints.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "body_source.hpp"
#include "qvm_sim/dataset.hpp"
#include "qvm_sim/options.hpp"

namespace qvm::sim {

std::string qps_count_document(const Options& o, std::uint64_t count);
// The assets at `page` (dataset indices); `more` adds hasMoreRecords=true and the lastId to
// continue from. REQUIRES: `o` outlives the body.
std::unique_ptr<BodySource> host_asset_page_body(const Options& o, DataView data,
                                                 std::vector<std::uint64_t> page, bool more);

}  // namespace qvm::sim
