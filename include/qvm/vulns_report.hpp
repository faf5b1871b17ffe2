// The main job: every vulnerability found on the given hosts, with its KnowledgeBase details.
// Call plan: one host list call (details=None, or Basic when single IPs were asked, to report
// hosts Qualys does not know), the host list detection pages, then the KnowledgeBase for the
// distinct QIDs not already in the local KB cache, in batches. Never one call per host.
//
// Detections wait in a temporary file while the KB is fetched, so memory holds only the KB
// entries of the QIDs seen, never the detections.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "qvm/client.hpp"
#include "qvm/writers.hpp"

namespace qvm {

// Every column a vulns row can have: host, detection, then KnowledgeBase fields.
const std::vector<std::string>& vulns_columns();
// The readable subset shown by the table format when --columns is not given.
const std::vector<std::string>& vulns_table_columns();

struct VulnsProgress {
  std::uint64_t hosts = 0;
  std::uint64_t detections = 0;
  long calls = 0;
};

struct VulnsRequest {
  DetectionQuery detections;  // hosts and filters
  // Indexes into vulns_columns() to write, in this order; empty: all.
  std::vector<std::size_t> columns;
  std::string kb_cache_path;  // empty: no cache
  // Cached KB entries older than this are checked with last_modified_after (one call).
  std::chrono::hours kb_max_age{24};
  std::function<void(const VulnsProgress&)> progress;  // called every few hundred detections
};

struct VulnsSummary {
  std::uint64_t hosts_in_selection = 0;
  std::uint64_t hosts_with_detections = 0;
  std::vector<std::uint64_t> hosts_without_detections;  // host IDs (first 1000)
  std::uint64_t hosts_without_detections_count = 0;
  std::vector<std::string> unknown_ips;         // single IPs asked that Qualys does not know
  std::vector<std::uint64_t> unknown_host_ids;  // IDs asked that Qualys does not know
  std::uint64_t detections = 0;
  std::array<std::uint64_t, 6> by_severity{};  // [1..5]; [0] = no severity
  std::uint64_t distinct_qids = 0;
  std::uint64_t kb_from_cache = 0;
  std::uint64_t kb_fetched = 0;
  std::vector<std::uint64_t> qids_missing_from_kb;
};

// Runs the report into `writer` (begin, rows; the caller ends it). Errors leave the writer
// unfinished.
Result<VulnsSummary> run_vulns_report(Client& client, const VulnsRequest& request,
                                      RowWriter& writer);

// One row of every column of vulns_columns(), built exactly as the online report builds it,
// from a detection, its host and its KB entry (null: the KB cells are empty). For readers of
// other sources of the same records, such as the local mirror (`qvm vulns --db`).
void vulns_row(const Host& host, const Detection& detection, const Vuln* kb,
               std::vector<FieldValue>& out);

// Resolves a --columns list ("qid,title,cve_list") to indexes; kUsage naming an unknown one.
Result<std::vector<std::size_t>> vulns_column_indexes(const std::string& list);

}  // namespace qvm
