// KB cells and the KB cache/fetch plan of the vulns report.
#include "report/kb_join.hpp"

#include "qvm/record_rows.hpp"
#include "report/row_codec.hpp"
#include "store/kb_cache.hpp"

namespace qvm::report {
namespace {

std::vector<std::string> ids_of(const std::vector<Reference>& refs) {
  std::vector<std::string> out;
  for (const auto& r : refs)
    out.push_back(r.id);
  return out;
}

}  // namespace

std::vector<FieldValue> kb_cells(const Vuln& v) {
  auto cvss = [](const std::optional<Cvss>& c, auto member) {
    return c ? to_field((*c).*member) : FieldValue();
  };
  std::vector<std::string> threats;
  for (const auto& t : v.threat_intelligence)
    threats.push_back(t.text);
  return {v.title,
          v.vuln_type,
          to_field(v.category),
          to_field(v.severity_level),
          ids_of(v.cve_list),
          cvss(v.cvss, &Cvss::base),
          cvss(v.cvss, &Cvss::vector_string),
          cvss(v.cvss_v3, &Cvss::base),
          cvss(v.cvss_v3, &Cvss::vector_string),
          to_field(v.patchable),
          to_field(v.published_datetime),
          std::move(threats),
          to_field(v.diagnosis),
          to_field(v.consequence),
          to_field(v.solution)};
}

Status KbJoin::load(Client& client, const VulnsRequest& request,
                    const std::set<std::uint64_t>& qids, VulnsSummary& summary) {
  std::unique_ptr<store::KbCache> cache;
  if (!request.kb_cache_path.empty()) {
    auto opened = store::KbCache::open(request.kb_cache_path);
    if (!opened) return std::unexpected(opened.error());
    cache = std::move(*opened);
  }
  std::vector<IdRange> missing, cached;
  for (auto qid : qids) {
    if (cache) {
      auto entry = cache->get(qid);
      if (!entry) return std::unexpected(entry.error());
      if (*entry) {
        std::string_view in = **entry;
        if (auto row = decode_row(in)) {
          cells_[qid] = std::move(*row);
          cached.push_back({qid, qid});
          continue;
        }
      }
    }
    missing.push_back({qid, qid});
  }
  summary.kb_from_cache = cached.size();
  auto started =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  if (cache && !cached.empty()) {
    auto refreshed = cache->refreshed_at();
    if (!refreshed) return std::unexpected(refreshed.error());
    if (!*refreshed || started - **refreshed > request.kb_max_age) {
      // Entries changed at Qualys since the last check replace the cached ones.
      KnowledgeBaseQuery changed;
      changed.ids = cached;
      if (*refreshed) changed.last_modified_after = **refreshed;
      if (auto s = fetch(client, changed, cache.get(), nullptr); !s) return s;
    }
  }
  if (!missing.empty()) {
    KnowledgeBaseQuery query;
    query.ids = missing;
    if (auto s = fetch(client, query, cache.get(), &summary.kb_fetched); !s) return s;
  }
  if (cache) {
    if (auto s = cache->set_refreshed_at(started); !s) return s;
  }
  for (auto qid : qids) {
    if (!cells_.count(qid)) summary.qids_missing_from_kb.push_back(qid);
  }
  return {};
}

const std::vector<FieldValue>& KbJoin::cells(std::uint64_t qid) const {
  static const std::vector<FieldValue> kUnknown(kKbCells);
  auto it = cells_.find(qid);
  return it == cells_.end() ? kUnknown : it->second;
}

Status KbJoin::fetch(Client& client, const KnowledgeBaseQuery& query, store::KbCache* cache,
                     std::uint64_t* fetched) {
  if (cache) {
    if (auto s = cache->begin(); !s) return s;
  }
  std::string entry;
  auto status =
      client.knowledge_base(query, {.vuln = [&](const Vuln& v) -> Status {
                                      auto cells = kb_cells(v);
                                      if (cache) {
                                        entry.clear();
                                        encode_row(cells, entry);
                                        auto modified = v.last_service_modification_datetime;
                                        if (auto s = cache->put(v.qid, entry, modified); !s)
                                          return s;
                                      }
                                      cells_[v.qid] = std::move(cells);
                                      if (fetched) ++*fetched;
                                      return {};
                                    },
                                    .id = nullptr});
  if (cache) {
    // Entries written before a failure are still good: keep them.
    if (auto s = cache->commit(); !s && status) return s;
  }
  return status;
}

}  // namespace qvm::report
