// `read_mirror_vulns`: the offline answer of `qvm vulns`. The query's host selectors and
// detection filters become one SQL statement over detections ⋈ hosts, read in host then Qualys
// order; KB entries are loaded once per QID.
#include <map>
#include <variant>

#include "qvm/mirror.hpp"
#include "store/mirror_schema.hpp"

namespace qvm::store {
namespace {

using Param = std::variant<std::int64_t, std::string>;

// Builds "(a) AND (b)" with its parameters in order.
class Where {
 public:
  void add(std::string condition) {
    sql_ += sql_.empty() ? " WHERE (" : " AND (";
    sql_ += condition + ")";
  }
  std::string param(Param p) {
    params_.push_back(std::move(p));
    return "?" + std::to_string(params_.size());
  }
  template <class Range>
  void ranges(const std::string& column, const Range& ranges) {
    if (ranges.empty()) return;
    std::string any;
    for (const auto& r : ranges) {
      any += (any.empty() ? "" : " OR ") + column + " BETWEEN " +
             param(static_cast<std::int64_t>(r.first)) + " AND " +
             param(static_cast<std::int64_t>(r.last));
    }
    add(any);
  }
  template <class List>
  std::string in(const List& values) {
    std::string list;
    for (const auto& v : values)
      list += (list.empty() ? "" : ", ") + param(Param(v));
    return "(" + list + ")";
  }
  const std::string& sql() const { return sql_; }
  void bind(Statement& s) const {
    for (size_t i = 0; i < params_.size(); ++i) {
      int n = static_cast<int>(i + 1);
      std::visit([&](const auto& v) { s.bind(n, v); }, params_[i]);
    }
  }

 private:
  std::string sql_;
  std::vector<Param> params_;
};

Result<Where> conditions(const DetectionQuery& q) {
  Where w;
  const HostSelection& h = q.hosts;
  if (!h.ag_titles.empty()) {
    return make_error(ErrorKind::kUsage, "--ag-titles is not available with --db",
                      "the mirror keeps asset group IDs: use --ag-ids");
  }
  w.ranges("h.ip_num", h.ips);
  if (!h.ipv6.empty()) w.add("h.ipv6 IN " + w.in(h.ipv6));
  w.ranges("d.host_id", h.ids);
  if (h.id_min) w.add("d.host_id >= " + w.param(static_cast<std::int64_t>(*h.id_min)));
  if (h.id_max) w.add("d.host_id <= " + w.param(static_cast<std::int64_t>(*h.id_max)));
  if (!h.ag_ids.empty()) {
    std::string any;
    for (const auto& r : h.ag_ids) {
      any += (any.empty() ? "" : " OR ") + std::string("a.asset_group_id BETWEEN ") +
             w.param(static_cast<std::int64_t>(r.first)) + " AND " +
             w.param(static_cast<std::int64_t>(r.last));
    }
    w.add("EXISTS (SELECT 1 FROM asset_groups a WHERE a.host_id = h.id AND (" + any + "))");
  }
  if (!h.tags.empty()) {
    w.add("EXISTS (SELECT 1 FROM host_tags t WHERE t.host_id = h.id AND t.name IN " + w.in(h.tags) +
          ")");
  }
  if (h.vm_scan_since) {
    w.add("h.last_vm_scanned_date >= " + w.param(format_timestamp(*h.vm_scan_since)));
  }
  if (h.vm_processed_after) {
    w.add("h.last_scan_datetime > " + w.param(format_timestamp(*h.vm_processed_after)));
  }
  w.ranges("d.qid", q.qids);
  if (!q.severities.empty()) {
    std::vector<std::int64_t> s(q.severities.begin(), q.severities.end());
    w.add("d.severity IN " + w.in(s));
  }
  std::vector<std::string> status = q.status;
  if (status.empty()) status = {"New", "Active", "Re-Opened"};  // Qualys' default
  w.add("d.status IN " + w.in(status));
  std::string types = q.show_igs ? "d.type = 'Info'" : "0";
  if (q.include_vuln_type) {
    std::string t = *q.include_vuln_type;
    if (!t.empty()) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
    types += " OR d.type = " + w.param(t);
  } else {
    types += " OR d.type <> 'Info'";
  }
  w.add(types);
  if (q.detection_updated_since) {
    w.add("d.last_update_datetime >= " + w.param(format_timestamp(*q.detection_updated_since)));
  }
  return w;
}

// The KB fields the vulns report shows, as a Vuln; nullopt when the mirror lacks the QID.
class KbLookup {
 public:
  static Result<KbLookup> prepare(const Connection& db) {
    KbLookup k;
    auto vuln = Statement::prepare(
        db,
        "SELECT title, vuln_type, category, severity_level, cvss_base, cvss_vector, cvss3_base, "
        "cvss3_vector, patchable, published_datetime, diagnosis, consequence, solution "
        "FROM kb_vulns WHERE qid = ?");
    auto cves =
        Statement::prepare(db, "SELECT cve_id, url FROM kb_cves WHERE qid = ? ORDER BY seq");
    auto threats = Statement::prepare(
        db, "SELECT threat_id, text FROM kb_threat_intel WHERE qid = ? ORDER BY seq");
    for (auto* s : {&vuln, &cves, &threats}) {
      if (!*s) return std::unexpected(s->error());
    }
    k.vuln_ = std::move(*vuln);
    k.cves_ = std::move(*cves);
    k.threats_ = std::move(*threats);
    return k;
  }

  Result<const Vuln*> get(std::uint64_t qid) {
    auto it = cache_.find(qid);
    if (it != cache_.end()) return it->second ? &*it->second : nullptr;
    auto loaded = load(qid);
    if (!loaded) return std::unexpected(loaded.error());
    auto& slot = cache_[qid] = std::move(*loaded);
    return slot ? &*slot : nullptr;
  }

 private:
  Result<std::optional<Vuln>> load(std::uint64_t qid) {
    Statement& s = vuln_;
    s.bind(1, qid);
    auto row = s.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) {
      s.reset();
      return std::optional<Vuln>();
    }
    Vuln v;
    v.qid = qid;
    v.title = s.text(0);
    v.vuln_type = s.text(1);
    v.category = s.opt_text(2);
    v.severity_level = static_cast<int>(s.int64(3));
    auto cvss = [&](int base, int vector) -> std::optional<Cvss> {
      if (s.is_null(base) && s.is_null(vector)) return std::nullopt;
      Cvss c;
      c.base = s.opt_text(base);
      c.vector_string = s.opt_text(vector);
      return c;
    };
    v.cvss = cvss(4, 5);
    v.cvss_v3 = cvss(6, 7);
    v.patchable = s.opt_bool(8);
    v.published_datetime = s.opt_time(9);
    v.diagnosis = s.opt_text(10);
    v.consequence = s.opt_text(11);
    v.solution = s.opt_text(12);
    s.reset();
    for (auto [statement, into] : {std::pair{&cves_, 0}, std::pair{&threats_, 1}}) {
      statement->bind(1, qid);
      while (true) {
        auto r = statement->step();
        if (!r) return std::unexpected(r.error());
        if (!*r) break;
        if (into == 0) {
          v.cve_list.push_back({statement->text(0), statement->text(1)});
        } else {
          v.threat_intelligence.push_back({statement->text(0), statement->text(1)});
        }
      }
      statement->reset();
    }
    return std::optional<Vuln>(std::move(v));
  }

  Statement vuln_, cves_, threats_;
  std::map<std::uint64_t, std::optional<Vuln>> cache_;
};

}  // namespace
}  // namespace qvm::store

namespace qvm {

Status read_mirror_vulns(const std::string& db_path, const DetectionQuery& query,
                         const MirrorVulnCallback& callback) {
  auto where = store::conditions(query);
  if (!where) return std::unexpected(where.error());
  auto db = store::open_mirror_read_only(db_path);
  if (!db) return std::unexpected(db.error());
  auto kb = store::KbLookup::prepare(*db);
  if (!kb) return std::unexpected(kb.error());
  // One read transaction: the rows come from one committed state of the mirror.
  if (auto s = db->exec("BEGIN"); !s) return s;
  auto s = store::Statement::prepare(
      *db,
      "SELECT h.id, h.ip, h.ipv6, h.dns, h.netbios, h.os, h.tracking_method, h.asset_id, "
      "d.qid, d.type, d.severity, d.port, d.protocol, d.ssl, d.status, d.first_found_datetime, "
      "d.last_found_datetime, d.times_found, d.last_test_datetime, d.last_fixed_datetime, "
      "d.qds, d.qds_severity, d.results, d.unique_vuln_id, d.last_update_datetime "
      "FROM detections d JOIN hosts h ON h.id = d.host_id" +
          where->sql() + " ORDER BY d.host_id, d.seq");
  if (!s) return std::unexpected(s.error());
  where->bind(*s);
  Host host;
  Detection d;
  while (true) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    host.id = s->uint64(0);
    host.ip = s->opt_text(1);
    host.ipv6 = s->opt_text(2);
    host.dns = s->opt_text(3);
    host.netbios = s->opt_text(4);
    host.os = s->opt_text(5);
    host.tracking_method = s->opt_text(6);
    host.asset_id = s->opt_uint64(7);
    d = Detection{};
    d.qid = s->uint64(8);
    d.type = s->text(9);
    d.severity = s->opt_int(10);
    d.port = s->opt_int(11);
    d.protocol = s->opt_text(12);
    d.ssl = s->opt_bool(13);
    d.status = s->opt_text(14);
    d.first_found_datetime = s->opt_time(15);
    d.last_found_datetime = s->opt_time(16);
    d.times_found = s->opt_int(17);
    d.last_test_datetime = s->opt_time(18);
    d.last_fixed_datetime = s->opt_time(19);
    if (query.show_qds && !s->is_null(20)) d.qds = Qds{static_cast<int>(s->int64(20)), s->text(21)};
    if (query.show_results) d.results = s->opt_text(22);
    d.unique_vuln_id = s->opt_uint64(23);
    d.last_update_datetime = s->opt_time(24);
    auto vuln = kb->get(d.qid);
    if (!vuln) return std::unexpected(vuln.error());
    if (auto c = callback(host, d, *vuln); !c) return c;
  }
  return {};
}

}  // namespace qvm
