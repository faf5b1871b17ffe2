// The vulnerabilities report: host list (to report unknown hosts), host list detection into a
// temporary file, the KnowledgeBase for the QIDs seen (through the local cache), then the join.
#include "qvm/vulns_report.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

#include "qvm/record_rows.hpp"
#include "report/kb_join.hpp"
#include "report/row_codec.hpp"

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

// One parallel worker's share of the detection phase.
struct DetectionShare {
  report::RowSpill spill;
  std::set<std::uint64_t> qids;
  std::vector<std::uint64_t> hosts;
  std::array<std::uint64_t, 6> by_severity{};
  Status status;
};

// Hosts per detection call in a parallel fetch: below two pages, one call is cheaper.
constexpr std::uint64_t kHostsPerShare = 1000;
constexpr size_t kMaxShares = 8;

// The concurrency the subscription allows, as the host list call reported it (1 if unknown).
size_t host_list_concurrency(const Client& client) {
  for (const auto& l : client.limits()) {
    if (l.endpoint == "/api/2.0/fo/asset/host/" && l.concurrency > 0) {
      return static_cast<size_t>(l.concurrency);
    }
  }
  return 1;
}

// The known host IDs cut into up to `concurrency` contiguous parts of about equal host counts;
// a single empty part (use the selection as is) when the selection is small.
std::vector<std::vector<IdRange>> split_for_parallel(const KnownHosts& known, size_t concurrency) {
  size_t parts = std::min<std::uint64_t>(
      {concurrency, kMaxShares, (known.count + kHostsPerShare - 1) / kHostsPerShare});
  if (parts <= 1) return {{}};
  std::uint64_t per_part = (known.count + parts - 1) / parts;
  std::vector<std::vector<IdRange>> out(1);
  std::uint64_t in_part = 0;
  for (IdRange r : known.ids) {
    while (true) {
      // The last part takes whatever is left, so no host can fall off the end.
      bool last_part = out.size() == parts;
      std::uint64_t room = last_part ? r.last - r.first + 1 : per_part - in_part;
      std::uint64_t take = std::min<std::uint64_t>(room, r.last - r.first + 1);
      out.back().push_back({r.first, r.first + take - 1});
      in_part += take;
      if (!last_part && in_part == per_part) {
        out.emplace_back();
        in_part = 0;
      }
      if (take == r.last - r.first + 1) break;
      r.first += take;
    }
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

}  // namespace

void vulns_row(const Host& host, const Detection& detection, const Vuln* kb,
               std::vector<FieldValue>& out) {
  detection_cells(host, detection, out);
  if (kb) {
    auto cells = report::kb_cells(*kb);
    out.insert(out.end(), std::make_move_iterator(cells.begin()),
               std::make_move_iterator(cells.end()));
  } else {
    out.resize(kAllColumns.size());
  }
}

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

  // Large selections are split into host-ID ranges fetched in parallel, up to the concurrency
  // limit (Qualys' recommended bulk pattern); each range has its own temporary file, read back
  // in range order, so the output order does not depend on which range finished first.
  auto chunks = split_for_parallel(*known, host_list_concurrency(client));
  std::vector<std::unique_ptr<DetectionShare>> shares;
  for (size_t i = 0; i < chunks.size(); ++i)
    shares.push_back(std::make_unique<DetectionShare>());
  std::atomic<std::uint64_t> detections_so_far{0}, hosts_so_far{0};
  std::mutex progress_mutex;
  auto fetch_share = [&](size_t index) {
    DetectionShare& share = *shares[index];
    DetectionQuery query = request.detections;
    query.show_asset_id = true;  // asset_id is a column of every row
    if (chunks.size() > 1) query.hosts.ids = chunks[index];
    std::vector<FieldValue> cells;
    share.status = client.detections(
        query, {.detection = [&](const Host& h, const Detection& d) -> Status {
                  detection_cells(h, d, cells);
                  share.qids.insert(d.qid);
                  ++share.by_severity[d.severity && *d.severity >= 1 && *d.severity <= 5
                                          ? static_cast<size_t>(*d.severity)
                                          : 0];
                  auto total = ++detections_so_far;
                  if (request.progress && total % 500 == 0) {
                    VulnsProgress progress{hosts_so_far.load(), total, 0};
                    for (const auto& [endpoint, n] : client.calls())
                      progress.calls += n;
                    std::lock_guard lock(progress_mutex);
                    request.progress(progress);
                  }
                  return share.spill.append(cells);
                },
                .host_end = [&](const Host& h, size_t) -> Status {
                  share.hosts.push_back(h.id);
                  ++hosts_so_far;
                  return {};
                }});
  };
  if (shares.size() == 1) {
    fetch_share(0);
  } else {
    std::vector<std::thread> workers;
    for (size_t i = 0; i < shares.size(); ++i)
      workers.emplace_back(fetch_share, i);
    for (auto& w : workers)
      w.join();
  }
  std::set<std::uint64_t> qids;
  std::vector<std::uint64_t> hosts_seen;
  for (auto& share : shares) {
    if (!share->status) return std::unexpected(share->status.error());
    qids.insert(share->qids.begin(), share->qids.end());
    hosts_seen.insert(hosts_seen.end(), share->hosts.begin(), share->hosts.end());
    summary.detections += share->spill.rows();
    for (size_t sev = 0; sev < summary.by_severity.size(); ++sev) {
      summary.by_severity[sev] += share->by_severity[sev];
    }
  }
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

  report::KbJoin kb;
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
  std::vector<FieldValue> full, row;
  for (auto& share : shares) {
    if (auto s = share->spill.rewind(); !s) return std::unexpected(s.error());
    while (true) {
      auto next = share->spill.next();
      if (!next) return std::unexpected(next.error());
      if (!*next) break;
      full = std::move(**next);
      std::uint64_t qid = std::get<std::uint64_t>(full[kQidCell]);
      const auto& kb_part = kb.cells(qid);
      full.insert(full.end(), kb_part.begin(), kb_part.end());
      row.clear();
      for (auto i : columns)
        row.push_back(i < full.size() ? full[i] : FieldValue());
      if (auto s = writer.take_row(row); !s) return std::unexpected(s.error());
    }
  }
  return summary;
}

}  // namespace qvm
