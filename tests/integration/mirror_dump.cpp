// Dumps for the sync tests: raw SQL over the mirror, and the same fields from the dataset.
#include "mirror_dump.hpp"

#include <sqlite3.h>

#include <set>
#include <sstream>
#include <stdexcept>

namespace qvm::test {
namespace {

std::string run_query(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
  }
  std::string out;
  int n = sqlite3_column_count(s);
  while (sqlite3_step(s) == SQLITE_ROW) {
    for (int i = 0; i < n; ++i) {
      if (std::string(sqlite3_column_name(s, i)) == "seen_run") continue;
      auto t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
      out += t ? t : "∅";
      out += '|';
    }
    out += '\n';
  }
  sqlite3_finalize(s);
  return out;
}

template <class F>
std::string with_db(const std::string& path, F&& f) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path);
  }
  std::string out = f(db);
  sqlite3_close(db);
  return out;
}

template <class T>
std::string opt(const std::optional<T>& v) {
  if (!v) return "∅";
  if constexpr (std::is_same_v<T, Timestamp>) {
    return format_timestamp(*v);
  } else if constexpr (std::is_same_v<T, bool>) {
    return *v ? "1" : "0";
  } else {
    std::ostringstream s;
    s << *v;
    return s.str();
  }
}

}  // namespace

std::string dump_mirror(const std::string& db_path) {
  return with_db(db_path, [](sqlite3* db) {
    std::string out;
    for (const char* table :
         {"hosts ORDER BY id", "host_tags ORDER BY host_id, seq",
          "asset_groups ORDER BY host_id, asset_group_id", "detections ORDER BY host_id, seq",
          "kb_vulns ORDER BY qid", "kb_cves ORDER BY qid, seq", "kb_bugtraq ORDER BY qid, seq",
          "kb_vendor_refs ORDER BY qid, seq", "kb_threat_intel ORDER BY qid, seq",
          "kb_software ORDER BY qid, seq", "kb_pci_reasons ORDER BY qid, seq"}) {
      out +=
          std::string("# ") + table + "\n" + run_query(db, std::string("SELECT * FROM ") + table);
    }
    return out;
  });
}

std::string mirror_as_records(const std::string& db_path) {
  return with_db(db_path, [](sqlite3* db) {
    return "# hosts\n" +
           run_query(db,
                     "SELECT id, COALESCE(ip, '∅'), COALESCE(os, '∅'), COALESCE(dns, '∅'), "
                     "COALESCE(tracking_method, '∅'), COALESCE(last_vm_scanned_date, '∅'), "
                     "COALESCE(last_scan_datetime, '∅'), "
                     "(SELECT COALESCE(group_concat(name, ','), '') FROM (SELECT name FROM "
                     "host_tags t WHERE t.host_id = hosts.id ORDER BY seq)) "
                     "FROM hosts ORDER BY id") +
           "# detections\n" +
           run_query(db,
                     "SELECT host_id, qid, type, COALESCE(severity, '∅'), COALESCE(port, '∅'), "
                     "COALESCE(status, '∅'), COALESCE(first_found_datetime, '∅'), "
                     "COALESCE(last_found_datetime, '∅'), COALESCE(times_found, '∅'), "
                     "COALESCE(last_fixed_datetime, '∅'), COALESCE(results, '∅') "
                     "FROM detections ORDER BY host_id, seq") +
           "# kb\n" +
           run_query(db,
                     "SELECT qid, title, severity_level, COALESCE(published_datetime, '∅'), "
                     "(SELECT COALESCE(group_concat(cve_id, ','), '') FROM (SELECT cve_id FROM "
                     "kb_cves c WHERE c.qid = kb_vulns.qid ORDER BY seq)) "
                     "FROM kb_vulns ORDER BY qid");
  });
}

std::string simulator_as_records(const sim::DataView& view) {
  std::string hosts = "# hosts\n", detections = "# detections\n", kb = "# kb\n";
  std::set<std::uint64_t> qids;
  for (std::uint64_t i = 0; i < view.host_count(); ++i) {
    Host h = view.host(i);
    auto found = view.detections(i);
    // LAST_SCAN_DATETIME comes only with host list detection, which omits hosts without any.
    if (found.empty()) h.last_scan_datetime.reset();
    std::string tags;
    for (const auto& t : h.tags)
      tags += (tags.empty() ? "" : ",") + t.name;
    hosts += std::to_string(h.id) + "|" + opt(h.ip) + "|" + opt(h.os) + "|" + opt(h.dns) + "|" +
             opt(h.tracking_method) + "|" + opt(h.last_vm_scanned_date) + "|" +
             opt(h.last_scan_datetime) + "|" + tags + "|\n";
    for (const auto& d : found) {
      qids.insert(d.qid);
      detections += std::to_string(h.id) + "|" + std::to_string(d.qid) + "|" + d.type + "|" +
                    opt(d.severity) + "|" + opt(d.port) + "|" + opt(d.status) + "|" +
                    opt(d.first_found_datetime) + "|" + opt(d.last_found_datetime) + "|" +
                    opt(d.times_found) + "|" + opt(d.last_fixed_datetime) + "|" + opt(d.results) +
                    "|\n";
    }
  }
  for (auto qid : qids) {
    auto index = view.kb_index(qid);
    if (!index) continue;
    Vuln v = view.vuln(*index);
    std::string cves;
    for (const auto& c : v.cve_list)
      cves += (cves.empty() ? "" : ",") + c.id;
    kb += std::to_string(v.qid) + "|" + v.title + "|" + std::to_string(v.severity_level) + "|" +
          opt(v.published_datetime) + "|" + cves + "|\n";
  }
  return hosts + detections + kb;
}

std::string first_difference(const std::string& actual, const std::string& expected) {
  if (actual == expected) return "";
  std::istringstream a(actual), e(expected);
  std::string la, le, first;
  int differing = 0, line = 0;
  while (true) {
    bool ga = static_cast<bool>(std::getline(a, la)), ge = static_cast<bool>(std::getline(e, le));
    if (!ga && !ge) break;
    ++line;
    if (ga && ge && la == le) continue;
    if (!ga) la = "<end>";
    if (!ge) le = "<end>";
    if (++differing == 1) {
      first = "line " + std::to_string(line) + "\n  actual:   " + la + "\n  expected: " + le;
    }
  }
  return first + "\n(" + std::to_string(differing) + " lines differ)";
}

}  // namespace qvm::test
