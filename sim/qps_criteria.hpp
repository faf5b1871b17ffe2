// Which host assets a search's Criteria select: a cheap test of one asset's searchable fields,
// and the index ranges worth testing, narrowed by id and qwebHostId bounds.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "qps_search_request.hpp"
#include "qvm_sim/dataset.hpp"

namespace qvm::sim {

// Cheap view of an asset's searchable fields, from the host (no detections generated).
bool matches(const DataView& data, std::uint64_t index, const std::vector<Criterion>& criteria);

// Candidate indices: from id / qwebHostId bounds when the criteria give some, else all.
std::vector<std::pair<std::uint64_t, std::uint64_t>> candidate_ranges(const DataView& data,
                                                                      const SearchRequest& req);

}  // namespace qvm::sim
