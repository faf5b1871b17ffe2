// `qvm vulns`: every vulnerability on the given hosts, with its KnowledgeBase details.
#include <unistd.h>

#include <cstdio>

#include "commands.hpp"
#include "connection_flags.hpp"
#include "detection_flags.hpp"
#include "host_flags.hpp"
#include "output_target.hpp"
#include "qvm/mirror.hpp"
#include "qvm/selectors.hpp"
#include "qvm/vulns_report.hpp"
#include "run_summary.hpp"

namespace qvm::cli {
namespace {

struct VulnsOptions {
  ConnectionFlags connection;
  HostFlags hosts;
  DetectionFlags filters;
  OutputOptions output;
  std::string columns;
  bool no_kb_cache = false;
  std::string db;  // answer from a `qvm sync` mirror instead of the API
};

std::string list_ids(const std::vector<std::uint64_t>& ids, std::uint64_t total) {
  std::string out;
  for (size_t i = 0; i < ids.size() && i < 20; ++i)
    out += (i ? "," : "") + std::to_string(ids[i]);
  if (total > 20) out += ",… (" + with_commas(total) + " in all)";
  return out;
}

void print_report_summary(const VulnsSummary& s) {
  std::string severities;
  for (int sev = 5; sev >= 1; --sev) {
    severities += " sev" + std::to_string(sev) + "=" + with_commas(s.by_severity[sev]);
  }
  std::fprintf(stderr,
               "qvm: %s detections (%s) on %s hosts; %s distinct QIDs (KB: %s cached, %s "
               "fetched)\n",
               with_commas(s.detections).c_str(), severities.substr(1).c_str(),
               with_commas(s.hosts_with_detections).c_str(), with_commas(s.distinct_qids).c_str(),
               with_commas(s.kb_from_cache).c_str(), with_commas(s.kb_fetched).c_str());
  if (s.hosts_without_detections_count) {
    std::fprintf(stderr, "qvm: %s of %s selected hosts have no matching detection: %s\n",
                 with_commas(s.hosts_without_detections_count).c_str(),
                 with_commas(s.hosts_in_selection).c_str(),
                 list_ids(s.hosts_without_detections, s.hosts_without_detections_count).c_str());
  }
  for (const auto& ip : s.unknown_ips) {
    std::fprintf(stderr, "qvm: warning: IP %s is not a host Qualys knows\n", ip.c_str());
  }
  for (auto id : s.unknown_host_ids) {
    std::fprintf(stderr, "qvm: warning: host ID %llu is not a host Qualys knows\n",
                 static_cast<unsigned long long>(id));
  }
  if (!s.qids_missing_from_kb.empty()) {
    std::fprintf(stderr, "qvm: warning: %zu QIDs are not in the KnowledgeBase: %s\n",
                 s.qids_missing_from_kb.size(),
                 list_ids(s.qids_missing_from_kb, s.qids_missing_from_kb.size()).c_str());
  }
}

// --db: the same rows from the mirror, with no API call.
Status run_vulns_from_mirror(const VulnsOptions& o, const VulnsRequest& request,
                             OutputTarget& target) {
  RunSummary summary;
  std::vector<std::size_t> columns = request.columns;
  if (columns.empty()) {
    for (std::size_t i = 0; i < vulns_columns().size(); ++i)
      columns.push_back(i);
  }
  std::vector<std::string> names;
  for (auto i : columns)
    names.push_back(vulns_columns()[i]);
  if (auto s = target.writer().begin(names); !s) return s;
  std::vector<FieldValue> full, row;
  std::uint64_t detections = 0, hosts = 0, last_host = 0;
  auto status = read_mirror_vulns(o.db, request.detections,
                                  [&](const Host& h, const Detection& d, const Vuln* kb) -> Status {
                                    vulns_row(h, d, kb, full);
                                    row.clear();
                                    for (auto i : columns)
                                      row.push_back(full[i]);
                                    ++detections;
                                    if (h.id != last_host) ++hosts;
                                    last_host = h.id;
                                    return target.writer().take_row(row);
                                  });
  if (!status) return status;
  if (auto s = target.commit(); !s) return s;
  std::fprintf(stderr, "qvm: %s detections on %s hosts from %s (no API call) in %.1f s\n",
               with_commas(detections).c_str(), with_commas(hosts).c_str(), o.db.c_str(),
               summary.elapsed_seconds());
  return {};
}

Status run_vulns(const VulnsOptions& o) {
  RunSummary summary;
  VulnsRequest request;
  auto selection = host_selection(o.hosts);
  if (!selection) return std::unexpected(selection.error());
  request.detections.hosts = *selection;
  if (auto s = apply_detection_flags(o.filters, request.detections); !s) return s;

  auto target_format = o.output.format;
  bool table = target_format == "table" ||
               (target_format.empty() && (o.output.file.empty() || o.output.file == "-") &&
                stdout_is_terminal());
  std::string columns = o.columns;
  if (columns.empty() && table) {
    for (const auto& c : vulns_table_columns())
      columns += (columns.empty() ? "" : ",") + c;
  }
  if (!columns.empty()) {
    auto indexes = vulns_column_indexes(columns);
    if (!indexes) return std::unexpected(indexes.error());
    request.columns = *indexes;
  }

  // The table is sorted by severity (highest first), then host.
  WriterOptions writer_options;
  std::vector<std::string> names;
  for (auto i : request.columns)
    names.push_back(vulns_columns()[i]);
  auto position = [&](const std::string& name) -> std::optional<size_t> {
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<size_t>(it - names.begin());
  };
  auto severity = position("severity");
  auto host_id = position("host_id");
  auto ip = position("ip");
  // IPs compare as numbers (10.0.0.2 before 10.0.0.10); IPv6 after IPv4, as text.
  auto ip_key = [](const FieldValue& v) -> std::pair<int, std::string> {
    const auto* text = std::get_if<std::string>(&v);
    if (!text) return {2, {}};
    if (auto n = parse_ipv4(*text)) return {0, std::to_string(100000000000ULL + *n)};
    return {1, *text};
  };
  writer_options.table_order = [=](std::span<const FieldValue> a, std::span<const FieldValue> b) {
    if (severity && a[*severity] != b[*severity]) return a[*severity] > b[*severity];
    if (host_id && a[*host_id] != b[*host_id]) return a[*host_id] < b[*host_id];
    if (ip) return ip_key(a[*ip]) < ip_key(b[*ip]);
    return false;
  };

  auto target = OutputTarget::open(o.output, writer_options);
  if (!target) return std::unexpected(target.error());
  if (!o.db.empty()) return run_vulns_from_mirror(o, request, **target);
  auto connection = connect(o.connection);
  if (!connection) return std::unexpected(connection.error());
  if (!o.no_kb_cache) {
    std::string dir = cache_dir();
    if (!dir.empty()) request.kb_cache_path = dir + "/kb.sqlite";
  }
  if (isatty(STDERR_FILENO)) {
    request.progress = [&summary](const VulnsProgress& p) {
      std::fprintf(stderr, "\rqvm: %s hosts, %s detections, %.0f detections/s, %ld calls ",
                   with_commas(p.hosts).c_str(), with_commas(p.detections).c_str(),
                   static_cast<double>(p.detections) / std::max(0.001, summary.elapsed_seconds()),
                   p.calls);
    };
  }
  auto result = run_vulns_report(*connection->client, request, (*target)->writer());
  if (request.progress) std::fprintf(stderr, "\r\033[K");
  if (!result) return std::unexpected(result.error());
  if (auto s = (*target)->commit(); !s) return s;
  print_report_summary(*result);
  summary.print(*connection->client, "finished");
  return {};
}

}  // namespace

void add_vulns_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<VulnsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "vulns", "Every vulnerability on the given hosts, with its KnowledgeBase details");
  cmd->footer(
      "Every vulnerability Qualys found on the given hosts, with what it is and how to fix it.\n"
      "Calls: one host list call (to report hosts Qualys does not know or that have no\n"
      "detection), the host list detection pages (POST), and the KnowledgeBase for the\n"
      "distinct QIDs not yet in the local KB cache (~/.cache/qvm/kb.sqlite), in batches.\n"
      "Never one call per host. csv, json and ndjson are written in constant memory (the\n"
      "detections wait in a temporary file while the KB is fetched); table holds all rows\n"
      "to sort them by severity, then host.\n\n"
      "Examples:\n"
      "  qvm vulns --demo --ips 10.0.0.1-10.0.0.20\n"
      "  qvm vulns --platform US1 --ips 10.1.0.0/16 --severities 4-5 --format csv -o vulns.csv\n"
      "  qvm vulns --platform EU2 --ids @hosts.txt --columns ip,qid,title,cve_list,solution\n\n"
      "Columns: host_id ip dns netbios os tracking_method asset_id qid type severity port\n"
      "protocol ssl status first_found_datetime last_found_datetime times_found\n"
      "last_test_datetime last_fixed_datetime qds results title vuln_type category\n"
      "severity_level cve_list cvss_base cvss_vector cvss3_base cvss3_vector patchable\n"
      "published_datetime threat_intelligence diagnosis consequence solution");
  add_host_flags(*cmd, o->hosts);
  add_detection_flags(*cmd, o->filters);
  cmd->add_option("--columns", o->columns,
                  "columns to write, comma-separated (default: all; the table shows a readable "
                  "subset)");
  cmd->add_flag("--no-kb-cache", o->no_kb_cache, "do not read or write the local KB cache");
  cmd->add_option("--db", o->db,
                  "answer offline from a database written by qvm sync (no API call; "
                  "--ag-titles is not available)");
  add_output_options(*cmd, o->output);
  add_connection_flags(*cmd, o->connection);
  cmd->callback([&action, o] { action = [o] { return run_vulns(*o); }; });
}

}  // namespace qvm::cli
