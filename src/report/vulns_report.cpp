// The vulnerabilities report: host list (to report unknown hosts), host list detection into a
// temporary file, the KnowledgeBase for the QIDs seen (through the local cache), then the join.
#include "qvm/vulns_report.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "qvm/record_rows.hpp"
#include "report/row_codec.hpp"
#include "store/kb_cache.hpp"

namespace qvm {
namespace {

constexpr std::size_t kHostCells = 7;
constexpr std::size_t kQidCell = kHostCells;  // the first detection cell
constexpr std::size_t kMaxListed = 1000;      // host IDs listed in the summary

void detection_cells(const Host& h, const Detection& d, std::vector<FieldValue>& out) {
  out.clear();
  out.push_back(h.id);
  out.push_back(to_field(h.ip ? h.ip : h.ipv6));
  out.push_back(to_field(h.dns));
  out.push_back(to_field(h.netbios));
  out.push_back(to_field(h.os));
  out.push_back(to_field(h.tracking_method));
  out.push_back(to_field(h.asset_id));
  out.push_back(d.qid);
  out.push_back(d.type);
  out.push_back(to_field(d.severity));
  out.push_back(to_field(d.port));
  out.push_back(to_field(d.protocol));
  out.push_back(to_field(d.ssl));
  out.push_back(to_field(d.status));
  out.push_back(to_field(d.first_found_datetime));
  out.push_back(to_field(d.last_found_datetime));
  out.push_back(to_field(d.times_found));
  out.push_back(to_field(d.last_test_datetime));
  out.push_back(to_field(d.last_fixed_datetime));
  out.push_back(d.qds ? FieldValue(std::int64_t{d.qds->score}) : FieldValue());
  out.push_back(to_field(d.results));
}

std::vector<std::string> ids_of(const std::vector<Reference>& refs) {
  std::vector<std::string> out;
  for (const auto& r : refs)
    out.push_back(r.id);
  return out;
}

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

const std::vector<std::string> kAllColumns = {"host_id",
                                              "ip",
                                              "dns",
                                              "netbios",
                                              "os",
                                              "tracking_method",
                                              "asset_id",
                                              "qid",
                                              "type",
                                              "severity",
                                              "port",
                                              "protocol",
                                              "ssl",
                                              "status",
                                              "first_found_datetime",
                                              "last_found_datetime",
                                              "times_found",
                                              "last_test_datetime",
                                              "last_fixed_datetime",
                                              "qds",
                                              "results",
                                              "title",
                                              "vuln_type",
                                              "category",
                                              "severity_level",
                                              "cve_list",
                                              "cvss_base",
                                              "cvss_vector",
                                              "cvss3_base",
                                              "cvss3_vector",
                                              "patchable",
                                              "published_datetime",
                                              "threat_intelligence",
                                              "diagnosis",
                                              "consequence",
                                              "solution"};

// The hosts the selection stands for, from one host list call: to report the hosts without
// detections and the asked-for IPs and IDs Qualys does not know.
struct KnownHosts {
  std::vector<IdRange> ids;   // ascending
  std::set<std::string> ips;  // only when single IPs were asked
  std::uint64_t count = 0;
};

bool only_single_ips(const HostSelection& s) {
  return !s.ips.empty() && std::all_of(s.ips.begin(), s.ips.end(),
                                       [](const Ipv4Range& r) { return r.first == r.last; });
}

Result<KnownHosts> known_hosts(Client& client, const HostSelection& selection) {
  KnownHosts known;
  HostListQuery query;
  query.hosts = selection;
  query.truncation_limit = 0;
  bool want_ips = only_single_ips(selection);
  query.details = want_ips ? "Basic" : "None";
  auto status = client.hosts(query, {.host =
                                         [&](const Host& h) {
                                           known.ids.push_back({h.id, h.id});
                                           if (h.ip) known.ips.insert(*h.ip);
                                           ++known.count;
                                           return Status{};
                                         },
                                     .id =
                                         [&](const IdRange& r) {
                                           known.ids.push_back(r);
                                           known.count += r.last - r.first + 1;
                                           return Status{};
                                         }});
  if (!status) return std::unexpected(status.error());
  std::sort(known.ids.begin(), known.ids.end(),
            [](const IdRange& a, const IdRange& b) { return a.first < b.first; });
  return known;
}

bool contains(const std::vector<IdRange>& ranges, std::uint64_t id) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), id,
                             [](std::uint64_t v, const IdRange& r) { return v < r.first; });
  return it != ranges.begin() && std::prev(it)->last >= id;
}

// The KnowledgeBase cells of every QID seen: from the cache, refreshed when old, the rest
// fetched in batches and cached.
class KbJoin {
 public:
  Status load(Client& client, const VulnsRequest& request, const std::set<std::uint64_t>& qids,
              VulnsSummary& summary) {
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
          if (auto row = report::decode_row(in)) {
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

  // The KB cells of `qid`, or empty cells when Qualys did not return it.
  const std::vector<FieldValue>& cells(std::uint64_t qid) const {
    static const std::vector<FieldValue> kUnknown(kAllColumns.size() - kHostCells - 14);
    auto it = cells_.find(qid);
    return it == cells_.end() ? kUnknown : it->second;
  }

 private:
  Status fetch(Client& client, const KnowledgeBaseQuery& query, store::KbCache* cache,
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
                                          report::encode_row(cells, entry);
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

  std::map<std::uint64_t, std::vector<FieldValue>> cells_;
};

}  // namespace

const std::vector<std::string>& vulns_columns() {
  return kAllColumns;
}

const std::vector<std::string>& vulns_table_columns() {
  static const std::vector<std::string> columns = {
      "severity", "ip", "dns", "qid", "title", "status", "port", "cve_list", "last_found_datetime"};
  return columns;
}

Result<std::vector<std::size_t>> vulns_column_indexes(const std::string& list) {
  std::vector<std::size_t> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string name = list.substr(start, comma == std::string::npos ? comma : comma - start);
    if (!name.empty()) {
      auto it = std::find(kAllColumns.begin(), kAllColumns.end(), name);
      if (it == kAllColumns.end()) {
        std::string known;
        for (const auto& c : kAllColumns)
          known += (known.empty() ? "" : ", ") + c;
        return make_error(ErrorKind::kUsage, "unknown column '" + name + "'",
                          "columns are: " + known);
      }
      out.push_back(static_cast<std::size_t>(it - kAllColumns.begin()));
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.empty()) return make_error(ErrorKind::kUsage, "--columns names no column");
  return out;
}

Result<VulnsSummary> run_vulns_report(Client& client, const VulnsRequest& request,
                                      RowWriter& writer) {
  VulnsSummary summary;
  const HostSelection& selection = request.detections.hosts;
  auto known = known_hosts(client, selection);
  if (!known) return std::unexpected(known.error());
  summary.hosts_in_selection = known->count;
  for (const auto& r : selection.ids) {
    if (r.first == r.last && !contains(known->ids, r.first)) {
      summary.unknown_host_ids.push_back(r.first);
    }
  }
  if (only_single_ips(selection)) {
    for (const auto& r : selection.ips) {
      std::string ip = format_ipv4(r.first);
      if (!known->ips.count(ip)) summary.unknown_ips.push_back(ip);
    }
  }

  report::RowSpill spill;
  std::set<std::uint64_t> qids;
  std::vector<std::uint64_t> hosts_seen;  // ascending, as Qualys sends them
  std::vector<FieldValue> cells;
  VulnsProgress progress;
  auto status =
      client.detections(request.detections,
                        {.detection = [&](const Host& h, const Detection& d) -> Status {
                           detection_cells(h, d, cells);
                           qids.insert(d.qid);
                           ++summary.detections;
                           ++summary.by_severity[d.severity && *d.severity >= 1 && *d.severity <= 5
                                                     ? static_cast<size_t>(*d.severity)
                                                     : 0];
                           if (request.progress && summary.detections % 500 == 0) {
                             progress.detections = summary.detections;
                             progress.hosts = hosts_seen.size();
                             for (const auto& [endpoint, n] : client.calls())
                               progress.calls += n;
                             request.progress(progress);
                             progress.calls = 0;
                           }
                           return spill.append(cells);
                         },
                         .host_end = [&](const Host& h, size_t) -> Status {
                           hosts_seen.push_back(h.id);
                           return {};
                         }});
  if (!status) return std::unexpected(status.error());
  summary.hosts_with_detections = hosts_seen.size();
  summary.distinct_qids = qids.size();

  // Known hosts Qualys returned no matching detection for.
  std::unordered_set<std::uint64_t> with_detections(hosts_seen.begin(), hosts_seen.end());
  for (const auto& r : known->ids) {
    for (auto id = r.first; id <= r.last; ++id) {
      if (with_detections.count(id)) continue;
      ++summary.hosts_without_detections_count;
      if (summary.hosts_without_detections.size() < kMaxListed) {
        summary.hosts_without_detections.push_back(id);
      }
    }
  }

  KbJoin kb;
  if (auto s = kb.load(client, request, qids, summary); !s) return std::unexpected(s.error());

  std::vector<std::string> names;
  std::vector<std::size_t> columns = request.columns;
  if (columns.empty()) {
    for (std::size_t i = 0; i < kAllColumns.size(); ++i)
      columns.push_back(i);
  }
  for (auto i : columns)
    names.push_back(kAllColumns[i]);
  if (auto s = writer.begin(names); !s) return std::unexpected(s.error());
  if (auto s = spill.rewind(); !s) return std::unexpected(s.error());
  std::vector<FieldValue> full, row;
  while (true) {
    auto next = spill.next();
    if (!next) return std::unexpected(next.error());
    if (!*next) break;
    full = std::move(**next);
    std::uint64_t qid = std::get<std::uint64_t>(full[kQidCell]);
    const auto& kb_part = kb.cells(qid);
    full.insert(full.end(), kb_part.begin(), kb_part.end());
    row.clear();
    for (auto i : columns)
      row.push_back(i < full.size() ? full[i] : FieldValue());
    if (auto s = writer.row(row); !s) return std::unexpected(s.error());
  }
  return summary;
}

}  // namespace qvm
