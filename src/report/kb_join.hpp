// The KnowledgeBase side of the vulns report: the KB cells of a vuln, and every QID's cells
// gathered from the local KB cache (refreshed when old) or fetched in batches and cached.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "qvm/client.hpp"
#include "qvm/vulns_report.hpp"

namespace qvm::store {
class KbCache;
}

namespace qvm::report {

// title, vuln_type, category, severity_level, cve_list, cvss_base, cvss_vector, cvss3_base,
// cvss3_vector, patchable, published_datetime, threat_intelligence, diagnosis, consequence,
// solution — the last columns of vulns_columns().
inline constexpr std::size_t kKbCells = 15;
std::vector<FieldValue> kb_cells(const Vuln& vuln);

class KbJoin {
 public:
  // Gathers the cells of every QID in `qids`; counts cached, fetched and missing in `summary`.
  Status load(Client& client, const VulnsRequest& request, const std::set<std::uint64_t>& qids,
              VulnsSummary& summary);
  // The KB cells of `qid`, or empty cells when Qualys did not return it.
  const std::vector<FieldValue>& cells(std::uint64_t qid) const;

 private:
  Status fetch(Client& client, const KnowledgeBaseQuery& query, store::KbCache* cache,
               std::uint64_t* fetched);

  std::map<std::uint64_t, std::vector<FieldValue>> cells_;
};

}  // namespace qvm::report
