// Host list, HLD and KB over HTTP: parameters, pagination chains, GET and POST alike.
#include <set>

#include "sim_harness.hpp"

namespace qvm::sim::test {
namespace {

class VmLists : public SimTest {};

// Follows WARNING/URL from `first` and returns every page's parsed document.
std::vector<XmlNode> follow(SimTest& t, httplib::Client& c, const std::string& first,
                            const httplib::Headers& headers, const std::string& base) {
  std::vector<XmlNode> pages;
  std::string target = first;
  for (int guard = 0; guard < 1000 && !target.empty(); ++guard) {
    auto res = c.Get(target.c_str(), headers);
    EXPECT_TRUE(res);
    if (!res) break;
    EXPECT_EQ(res->status, 200) << res->body;
    auto doc = parse_xml(res->body);
    EXPECT_TRUE(doc.ok) << doc.error;
    auto url = doc.root.at("RESPONSE/WARNING/URL");
    if (!url.empty()) {
      EXPECT_EQ(doc.root.at("RESPONSE/WARNING/CODE"), "1980");
      EXPECT_TRUE(url.starts_with(base)) << url;
    }
    target = url.empty() ? "" : url.substr(base.size());
    pages.push_back(std::move(doc.root));
  }
  (void)t;
  return pages;
}

TEST_F(VmLists, DetectionPagesCoverEveryHostWithDetectionsOnce) {
  start();
  const auto data = sim_->dataset().view();
  std::vector<std::uint64_t> expected;
  for (std::uint64_t i = 0; i < data.host_count(); ++i) {
    auto dets = data.detections(i);
    std::erase_if(dets, [](const Detection& d) { return d.status == "Fixed" || d.type == "Info"; });
    if (!dets.empty()) expected.push_back(data.host_id(i));
  }
  auto pages =
      follow(*this, client(), "/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=7",
             auth_headers(), base_);
  std::vector<std::uint64_t> seen;
  for (const auto& page : pages) {
    const auto* list = page.find("RESPONSE/HOST_LIST");
    ASSERT_TRUE(list);
    EXPECT_LE(list->children.size(), 7u);
    for (const auto* host : list->all("HOST"))
      seen.push_back(std::stoull(host->at("ID")));
  }
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(pages.size(), (expected.size() + 6) / 7);
}

TEST_F(VmLists, DetectionsMatchTheDatasetAndStatusDefaultExcludesFixed) {
  start();
  const auto data = sim_->dataset().view();
  auto res =
      get("/api/2.0/fo/asset/host/vm/detection/"
          "?action=list&truncation_limit=0&show_igs=1&status=New,Active,Fixed,Re-Opened");
  ASSERT_TRUE(res);
  auto doc = parse_xml(res->body);
  ASSERT_TRUE(doc.ok) << doc.error;
  size_t hosts = 0, fixed = 0;
  for (const auto* host : doc.root.find("RESPONSE/HOST_LIST")->all("HOST")) {
    auto index = data.host_index(std::stoull(host->at("ID")));
    ASSERT_TRUE(index);
    auto expected = data.detections(*index);
    auto list = host->find("DETECTION_LIST")->all("DETECTION");
    ASSERT_EQ(list.size(), expected.size());
    for (size_t k = 0; k < list.size(); ++k) {
      EXPECT_EQ(list[k]->at("QID"), std::to_string(expected[k].qid));
      EXPECT_EQ(list[k]->at("STATUS"), *expected[k].status);
      EXPECT_EQ(list[k]->at("RESULTS"), *expected[k].results);  // CDATA kept verbatim
      EXPECT_EQ(list[k]->at("LAST_UPDATE_DATETIME"),
                format_timestamp(*expected[k].last_update_datetime));
      fixed += expected[k].status == "Fixed";
    }
    ++hosts;
  }
  EXPECT_GT(hosts, 40u);
  EXPECT_GT(fixed, 0u);
  // Default status: no Fixed anywhere.
  auto plain = get("/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=0");
  EXPECT_EQ(plain->body.find("<STATUS>Fixed</STATUS>"), std::string::npos);
  EXPECT_EQ(plain->body.find("<TYPE>Info</TYPE>"), std::string::npos);
  EXPECT_NE(res->body.find("<TYPE>Info</TYPE>"), std::string::npos);
}

TEST_F(VmLists, DetectionFiltersAndPostFormAgreeWithGet) {
  start();
  const auto data = sim_->dataset().view();
  const auto first = data.host_id(3), last = data.host_id(30);
  const std::string query =
      "action=list&truncation_limit=0&severities=4-5&include_vuln_type=confirmed&show_results=0&"
      "ids=" +
      std::to_string(first) + "-" + std::to_string(last);
  auto got = get("/api/2.0/fo/asset/host/vm/detection/?" + query);
  auto posted = post_form("/api/2.0/fo/asset/host/vm/detection/", query);
  ASSERT_TRUE(got && posted);
  EXPECT_EQ(got->body, posted->body);
  auto doc = parse_xml(got->body);
  ASSERT_TRUE(doc.ok);
  size_t detections = 0;
  for (const auto* host : doc.root.find("RESPONSE/HOST_LIST")->all("HOST")) {
    auto id = std::stoull(host->at("ID"));
    EXPECT_GE(id, first);
    EXPECT_LE(id, last);
    for (const auto* d : host->find("DETECTION_LIST")->all("DETECTION")) {
      EXPECT_GE(std::stoi(d->at("SEVERITY")), 4);
      EXPECT_EQ(d->at("TYPE"), "Confirmed");
      EXPECT_FALSE(d->child("RESULTS"));
      ++detections;
    }
  }
  EXPECT_GT(detections, 0u);
  const auto qid = data.detections(5).empty() ? 0 : data.detections(5)[0].qid;
  auto by_qid =
      get("/api/2.0/fo/asset/host/vm/detection/"
          "?action=list&status=New,Active,Fixed,Re-Opened&show_igs=1&qids=" +
          std::to_string(qid));
  auto qdoc = parse_xml(by_qid->body);
  ASSERT_TRUE(qdoc.ok);
  for (const auto* host : qdoc.root.find("RESPONSE/HOST_LIST")->all("HOST")) {
    for (const auto* d : host->find("DETECTION_LIST")->all("DETECTION"))
      EXPECT_EQ(d->at("QID"), std::to_string(qid));
  }
}

TEST_F(VmLists, IncrementalSyncSeesChangesAfterClockMoves) {
  start();
  const auto now = format_timestamp(sim_->dataset().now());
  auto before = get(
      "/api/2.0/fo/asset/host/vm/detection/"
      "?action=list&truncation_limit=0&status=New,Active,Fixed,Re-Opened&detection_updated_since=" +
      now);
  EXPECT_EQ(parse_xml(before->body).root.find("RESPONSE/HOST_LIST"), nullptr);
  sim_->advance_clock(std::chrono::days(3));
  auto after = get(
      "/api/2.0/fo/asset/host/vm/detection/"
      "?action=list&truncation_limit=0&status=New,Active,Fixed,Re-Opened&detection_updated_since=" +
      now);
  auto doc = parse_xml(after->body);
  ASSERT_TRUE(doc.ok);
  ASSERT_TRUE(doc.root.find("RESPONSE/HOST_LIST"));
  std::set<std::string> statuses;
  for (const auto* host : doc.root.find("RESPONSE/HOST_LIST")->all("HOST")) {
    for (const auto* d : host->find("DETECTION_LIST")->all("DETECTION")) {
      EXPECT_GE(d->at("LAST_UPDATE_DATETIME"), now);
      statuses.insert(d->at("STATUS"));
    }
  }
  EXPECT_TRUE(statuses.contains("New") || statuses.contains("Fixed") ||
              statuses.contains("Re-Opened"));
  EXPECT_EQ(parse_xml(after->body).root.at("RESPONSE/DATETIME"),
            format_timestamp(sim_->dataset().now()));
}

TEST_F(VmLists, HostListIdSetBasicAllAndPagination) {
  start();
  const auto data = sim_->dataset().view();
  auto ids = get("/api/2.0/fo/asset/host/?action=list&details=None&truncation_limit=0");
  auto doc = parse_xml(ids->body);
  ASSERT_TRUE(doc.ok);
  auto id_nodes = doc.root.find("RESPONSE/ID_SET")->all("ID");
  ASSERT_EQ(id_nodes.size(), data.host_count());
  for (size_t i = 0; i < id_nodes.size(); ++i)
    EXPECT_EQ(id_nodes[i]->text, std::to_string(data.host_id(i)));

  auto pages = follow(*this, client(), "/api/2.0/fo/asset/host/?action=list&truncation_limit=25",
                      auth_headers(), base_);
  ASSERT_EQ(pages.size(), 3u);
  std::vector<std::string> seen;
  for (const auto& p : pages) {
    for (const auto* h : p.find("RESPONSE/HOST_LIST")->all("HOST"))
      seen.push_back(h->at("ID"));
  }
  ASSERT_EQ(seen.size(), data.host_count());
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());

  auto all =
      get("/api/2.0/fo/asset/host/?action=list&details=All/AGs&show_tags=1&show_asset_id=1&ids=" +
          std::to_string(data.host_id(4)));
  auto adoc = parse_xml(all->body);
  ASSERT_TRUE(adoc.ok);
  const auto* host = adoc.root.find("RESPONSE/HOST_LIST/HOST");
  ASSERT_TRUE(host);
  const Host h = data.host(4);
  EXPECT_EQ(host->at("ASSET_ID"), std::to_string(*h.asset_id));
  EXPECT_EQ(host->at("OS"), *h.os);
  EXPECT_EQ(host->at("OWNER"), *h.owner);
  std::string groups;
  for (auto g : h.asset_group_ids)
    groups += (groups.empty() ? "" : ",") + std::to_string(g);
  EXPECT_EQ(host->at("ASSET_GROUP_IDS"), groups);
  auto names = child_names(*host);
  EXPECT_EQ(names.front(), "ID");
  EXPECT_EQ(names[1], "ASSET_ID");
}

TEST_F(VmLists, HostListIpRangesAndIdBounds) {
  start();
  const auto data = sim_->dataset().view();
  auto res =
      get("/api/2.0/fo/asset/host/"
          "?action=list&details=Basic&truncation_limit=0&ips=10.0.0.1-10.0.0.20,172.16.0.3");
  auto doc = parse_xml(res->body);
  ASSERT_TRUE(doc.ok);
  std::vector<std::string> ips;
  for (const auto* h : doc.root.find("RESPONSE/HOST_LIST")->all("HOST"))
    ips.push_back(h->at("IP"));
  std::vector<std::string> expected;
  for (std::uint64_t i = 0; i < data.host_count(); ++i) {
    auto ip = data.host(i).ip;
    if (!ip) continue;
    if (*ip == "172.16.0.3" || (ip->starts_with("10.0.0.") && std::stoi(ip->substr(7)) <= 20))
      expected.push_back(*ip);
  }
  EXPECT_EQ(ips, expected);
  EXPECT_FALSE(ips.empty());
  auto bounded =
      get("/api/2.0/fo/asset/host/?action=list&details=None&truncation_limit=0&id_min=" +
          std::to_string(data.host_id(10)) + "&id_max=" + std::to_string(data.host_id(19)));
  EXPECT_EQ(parse_xml(bounded->body).root.find("RESPONSE/ID_SET")->children.size(), 10u);
}

TEST_F(VmLists, KnowledgeBaseDetailsIdsAndModifiedAfter) {
  start();
  const auto data = sim_->dataset().view();
  const auto q1 = data.qid(10), q2 = data.qid(20);
  auto res =
      post_form("/api/2.0/fo/knowledge_base/vuln/",
                "action=list&details=All&ids=" + std::to_string(q1) + "-" + std::to_string(q2));
  auto doc = parse_xml(res->body);
  ASSERT_TRUE(doc.ok) << doc.error;
  auto vulns = doc.root.find("RESPONSE/VULN_LIST")->all("VULN");
  ASSERT_EQ(vulns.size(), 11u);
  const Vuln v = data.vuln(10);
  EXPECT_EQ(vulns[0]->at("QID"), std::to_string(v.qid));
  EXPECT_EQ(vulns[0]->at("TITLE"), v.title);
  EXPECT_EQ(vulns[0]->at("DIAGNOSIS"), v.diagnosis.value_or(""));
  EXPECT_NE(res->body.find("<!-- keep-alive for KNOWLEDGE_BASE_VULN_LIST_OUTPUT  -->"),
            std::string::npos);
  const auto now = format_timestamp(sim_->dataset().now());
  auto none = get("/api/2.0/fo/knowledge_base/vuln/?action=list&last_modified_after=" + now);
  EXPECT_EQ(parse_xml(none->body).root.find("RESPONSE/VULN_LIST"), nullptr);
  sim_->advance_clock(std::chrono::days(20));
  auto some =
      get("/api/2.0/fo/knowledge_base/vuln/?action=list&details=None&last_modified_after=" + now);
  auto sdoc = parse_xml(some->body);
  ASSERT_TRUE(sdoc.root.find("RESPONSE/ID_SET"));
  EXPECT_GT(sdoc.root.find("RESPONSE/ID_SET")->children.size(), 0u);
}

}  // namespace
}  // namespace qvm::sim::test
