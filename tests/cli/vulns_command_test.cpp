// `qvm vulns` end to end: the real binary against the simulator over loopback, the join checked
// against the simulator's own data, formats parsed back, calls counted.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "qvm/selectors.hpp"
#include "sim_server.hpp"

namespace qvm {
namespace {

using test::cli_sim_options;
using test::SimServer;

std::vector<nlohmann::json> ndjson(const std::string& text) {
  std::vector<nlohmann::json> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    rows.push_back(nlohmann::json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return rows;
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  rows.pop_back();  // after the last CRLF
  return rows;
}

struct Expected {
  std::set<std::pair<std::uint64_t, std::uint64_t>> keys;  // (host ID, QID)
  std::set<std::uint64_t> qids;
  std::set<std::uint64_t> hosts;
};

// What the simulator holds for hosts whose IPv4 is in [lo, hi], by Qualys' default filters.
Expected expected_for(const sim::DataView& view, std::uint32_t lo, std::uint32_t hi,
                      int min_severity = 1) {
  Expected e;
  for (std::uint64_t i = 0; i < view.host_count(); ++i) {
    auto ip = view.host_ipv4(i);
    if (!ip || *ip < lo || *ip > hi) continue;
    for (const auto& d : view.detections(i)) {
      if (d.status == "Fixed" || d.type == "Info" || d.severity.value_or(0) < min_severity) {
        continue;
      }
      e.keys.insert({view.host_id(i), d.qid});
      e.qids.insert(d.qid);
      e.hosts.insert(view.host_id(i));
    }
  }
  return e;
}

std::pair<std::uint32_t, std::uint32_t> ip_span(const sim::DataView& view, std::uint64_t first,
                                                std::uint64_t last) {
  std::uint32_t lo = UINT32_MAX, hi = 0;
  for (auto i = first; i <= last; ++i) {
    if (auto ip = view.host_ipv4(i)) {
      lo = std::min(lo, *ip);
      hi = std::max(hi, *ip);
    }
  }
  return {lo, hi};
}

TEST(VulnsCommand, JoinHoldsEveryDetectionOfTheAskedHostsWithItsKbDetails) {
  SimServer server(cli_sim_options(60));
  auto view = server.sim().dataset().view();
  auto [lo, hi] = ip_span(view, 5, 25);
  std::string range = format_ipv4(lo) + "-" + format_ipv4(hi);
  auto r = server.qvm({"vulns", "--ips", range, "--format", "ndjson"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = ndjson(r.out);
  Expected want = expected_for(view, lo, hi);
  ASSERT_GT(want.keys.size(), 50u);
  std::set<std::pair<std::uint64_t, std::uint64_t>> got;
  for (const auto& row : rows) {
    auto host_id = row["host_id"].get<std::uint64_t>();
    auto qid = row["qid"].get<std::uint64_t>();
    got.insert({host_id, qid});
    auto index = view.kb_index(qid);
    ASSERT_TRUE(index) << qid;
    Vuln vuln = view.vuln(*index);
    EXPECT_EQ(row["title"], vuln.title) << qid;
    std::vector<std::string> cves;
    for (const auto& c : vuln.cve_list)
      cves.push_back(c.id);
    EXPECT_EQ(row["cve_list"].get<std::vector<std::string>>(), cves) << qid;
    EXPECT_EQ(row["severity_level"], vuln.severity_level);
  }
  EXPECT_EQ(rows.size(), want.keys.size()) << "no duplicates";
  EXPECT_EQ(got, want.keys);

  // Calls: one host list, one detection page (well under 1,000 hosts), KB in batches of 500.
  auto stats = server.sim().stats();
  EXPECT_EQ(stats.of(sim::Endpoint::kHostList).calls, 1u);
  EXPECT_EQ(stats.of(sim::Endpoint::kDetections).calls, 1u);
  EXPECT_EQ(stats.of(sim::Endpoint::kKnowledgeBase).calls, (want.qids.size() + 499) / 500);
  EXPECT_NE(r.err.find("API calls: " + std::to_string(2 + (want.qids.size() + 499) / 500)),
            std::string::npos)
      << r.err;
}

TEST(VulnsCommand, SecondRunTakesTheKnowledgeBaseFromTheCache) {
  SimServer server(cli_sim_options(30));
  auto first = server.qvm({"vulns", "--all", "--format", "csv"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto kb_calls = server.sim().stats().of(sim::Endpoint::kKnowledgeBase).calls;
  EXPECT_GT(kb_calls, 0u);
  auto second = server.qvm({"vulns", "--all", "--format", "csv"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(server.sim().stats().of(sim::Endpoint::kKnowledgeBase).calls, kb_calls)
      << "the second run must make no KB call";
  EXPECT_EQ(first.out, second.out);
  EXPECT_NE(second.err.find("fetched)"), std::string::npos);
  EXPECT_NE(second.err.find(" 0 fetched"), std::string::npos) << second.err;
}

TEST(VulnsCommand, AllFourFormatsCarryTheSameRows) {
  SimServer server(cli_sim_options(25));
  std::vector<std::string> base = {"vulns", "--all", "--columns",
                                   "host_id,qid,title,results,cve_list,severity"};
  auto run = [&](const std::string& format) {
    auto args = base;
    args.push_back("--format");
    args.push_back(format);
    auto r = server.qvm(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  auto lines = ndjson(run("ndjson"));
  ASSERT_GT(lines.size(), 100u);
  auto doc = nlohmann::json::parse(run("json"));
  ASSERT_TRUE(doc.is_array());
  EXPECT_EQ(doc, nlohmann::json(lines));

  auto csv = parse_csv(run("csv"));
  ASSERT_EQ(csv.size(), lines.size() + 1);
  EXPECT_EQ(csv[0], (std::vector<std::string>{"host_id", "qid", "title", "results", "cve_list",
                                              "severity"}));
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto& j = lines[i];
    const auto& c = csv[i + 1];
    EXPECT_EQ(c[0], std::to_string(j["host_id"].get<std::uint64_t>()));
    EXPECT_EQ(c[1], std::to_string(j["qid"].get<std::uint64_t>()));
    EXPECT_EQ(c[2], j["title"].get<std::string>());
    EXPECT_EQ(c[3], j["results"].is_null() ? "" : j["results"].get<std::string>());
    std::string cves;
    for (const auto& cve : j["cve_list"])
      cves += (cves.empty() ? "" : ";") + cve.get<std::string>();
    EXPECT_EQ(c[4], cves);
  }

  // The table: a header and one line per row, sorted by severity, highest first.
  auto table = run("table");
  std::vector<std::string> table_lines;
  for (size_t start = 0; start < table.size();) {
    size_t end = table.find('\n', start);
    table_lines.push_back(table.substr(start, end - start));
    start = end + 1;
  }
  ASSERT_EQ(table_lines.size(), lines.size() + 1);
  EXPECT_EQ(table_lines[0].rfind("host_id", 0), 0u);
  int previous = 5;
  for (size_t i = 1; i < table_lines.size(); ++i) {
    int severity = table_lines[i].back() - '0';
    EXPECT_LE(severity, previous) << table_lines[i];
    previous = severity;
  }
}

TEST(VulnsCommand, CidrAndSeverityFilterSelectExactly) {
  SimServer server(cli_sim_options(80));
  auto view = server.sim().dataset().view();
  auto first_ip = view.host_ipv4(0);
  ASSERT_TRUE(first_ip);
  std::uint32_t lo = *first_ip & 0xffffff00u, hi = lo | 0xffu;
  std::string cidr = format_ipv4(lo) + "/24";
  auto r = server.qvm({"vulns", "--ips", cidr, "--severities", "4-5", "--format", "ndjson"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Expected want = expected_for(view, lo, hi, 4);
  ASSERT_FALSE(want.keys.empty());
  std::set<std::pair<std::uint64_t, std::uint64_t>> got;
  for (const auto& row : ndjson(r.out)) {
    got.insert({row["host_id"].get<std::uint64_t>(), row["qid"].get<std::uint64_t>()});
    EXPECT_GE(row["severity"].get<int>(), 4);
    auto ip = parse_ipv4(row["ip"].get<std::string>());
    ASSERT_TRUE(ip);
    EXPECT_GE(*ip, lo);
    EXPECT_LE(*ip, hi);
  }
  EXPECT_EQ(got, want.keys);
}

TEST(VulnsCommand, ReportsHostsQualysDoesNotKnowOrWithoutDetections) {
  SimServer server(cli_sim_options(40));
  auto view = server.sim().dataset().view();
  auto known = format_ipv4(*view.host_ipv4(0));
  auto r = server.qvm(
      {"vulns", "--ips", known + ",203.0.113.77", "--ids", "1-99999999", "--format", "ndjson"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("IP 203.0.113.77 is not a host Qualys knows"), std::string::npos) << r.err;
}

TEST(HostsCommand, TagsSelectExactlyTheTaggedHosts) {
  SimServer server(cli_sim_options(120));
  auto view = server.sim().dataset().view();
  std::set<std::uint64_t> want;
  for (std::uint64_t i = 0; i < view.host_count(); ++i) {
    for (const auto& tag : view.host(i).tags) {
      if (tag.name == "Production") want.insert(view.host_id(i));
    }
  }
  ASSERT_FALSE(want.empty());
  auto r = server.qvm({"hosts", "--tags", "Production", "--format", "ndjson"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::uint64_t> got;
  for (const auto& row : ndjson(r.out))
    got.insert(row["id"].get<std::uint64_t>());
  EXPECT_EQ(got, want);
}

TEST(VulnsCommand, LargeSelectionIsFetchedInParallelRangesMergedInOrder) {
  auto options = cli_sim_options(2500);
  options.limits = sim::Limits{100000, std::chrono::seconds(3600), 2};
  // The first range's response pauses mid-body for a second, so the two ranges are certainly in
  // flight together (else a fast first range could end before the second starts).
  sim::FaultRule pause;
  pause.endpoint = sim::Endpoint::kDetections;
  pause.kind = sim::FaultKind::kStall;
  pause.nth = 1;
  pause.after_bytes = 4096;
  pause.duration = std::chrono::milliseconds(1000);
  options.faults = {pause};
  SimServer server(options);
  auto r = server.qvm({"vulns", "--all", "--format", "ndjson", "--columns", "host_id,qid"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto view = server.sim().dataset().view();
  std::vector<std::pair<std::uint64_t, std::uint64_t>> want;
  for (std::uint64_t i = 0; i < view.host_count(); ++i) {
    for (const auto& d : view.detections(i)) {
      if (d.status == "Fixed" || d.type == "Info") continue;
      want.emplace_back(view.host_id(i), d.qid);
    }
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> got;
  for (const auto& row : ndjson(r.out)) {
    got.emplace_back(row["host_id"].get<std::uint64_t>(), row["qid"].get<std::uint64_t>());
  }
  EXPECT_EQ(got, want) << "every detection once, in host order";
  auto hld = server.sim().stats().of(sim::Endpoint::kDetections);
  EXPECT_EQ(hld.max_concurrent, 2) << "two ranges in parallel, never more";
  EXPECT_GE(hld.calls, 2u);
  EXPECT_EQ(hld.statuses.count(409), 0u);
}

}  // namespace
}  // namespace qvm
