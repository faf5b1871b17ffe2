// Conformance with the real Qualys recordings in ../shared/fixtures/qualys: byte-identical frames
// for documents without data, same element order where data differs, same header order.
#include "support/fixtures.hpp"

#include <set>
#include <sstream>

#include "sim_harness.hpp"

namespace qvm::sim::test {
namespace {

class Conformance : public SimTest {
 protected:
  void start_at(const std::string& when, const std::string& platform, bool old_dtd, bool banner) {
    auto o = test_options();
    o.clock = *parse_timestamp(when);
    o.platform_host = platform;
    o.old_dtd_paths = old_dtd;
    o.evaluation_banner = banner;
    o.keepalive_every = 0;
    start(o);
  }
};

std::string fixture(const std::string& name) {
  return qvm::test::read_file(qvm::test::shared_fixture(name));
}

TEST_F(Conformance, EmptyDocumentsAreByteIdentical) {
  QVM_REQUIRE_SHARED_FIXTURES();
  start_at("2020-09-24T23:51:12Z", "qualysapi.qg3.apps.qualys.com", true, true);
  EXPECT_EQ(get("/api/2.0/fo/asset/host/?action=list&ids=1")->body,
            fixture("host_list_empty_j1.xml"));
  TearDown();
  start_at("2022-10-28T16:56:25Z", "qualysapi.qg3.apps.qualys.com", false, true);
  EXPECT_EQ(get("/api/2.0/fo/asset/host/?action=list&ids=1")->body,
            fixture("host_list_empty_newdtd_j1.xml"));
  TearDown();
  start_at("2020-09-27T01:29:21Z", "qualysapi.qg3.apps.qualys.com", true, true);
  EXPECT_EQ(get("/api/2.0/fo/asset/host/vm/detection/?action=list&ids=1")->body,
            fixture("host_list_detection_empty_j1.xml"));
}

TEST_F(Conformance, SimpleReturnsAreByteIdentical) {
  QVM_REQUIRE_SHARED_FIXTURES();
  start_at("2020-10-07T17:46:20Z", "qualysapi.qg3.apps.qualys.com", false, false);
  EXPECT_EQ(post_form("/api/2.0/fo/knowledge_base/vuln/", "action=list&ids=abc123")->body,
            fixture("simple_return_1905_kb_bad_ids_http400_j1.xml"));
  TearDown();
  start_at("2017-12-11T12:54:07Z", "qualysapi.qualys.eu", false, false);
  EXPECT_EQ(get("/api/2.0/fo/scan/?action=list",
                {httplib::make_basic_authentication_header("x", "y"), {"X-Requested-With", "t"}})
                ->body,
            fixture("simple_return_2000_bad_login_http401_ruby.xml"));
  TearDown();
  start_at("2017-12-11T12:58:49Z", "qualysapi.qualys.eu", false, false);
  auto missing = get("/api/2.0/fo/scan/");
  // Recorded with the declaration (2017, EU); newer 400s lack it: compare from the DOCTYPE on.
  auto expected = fixture("simple_return_1903_missing_action_http400_ruby.xml");
  EXPECT_EQ(missing->body, expected.substr(expected.find("<!DOCTYPE")));
  TearDown();
  start_at("2017-12-12T11:13:03Z", "qualysapi.qualys.eu", false, false);
  EXPECT_EQ(post_form("/api/2.0/fo/session/", "action=login&username=demo&password=demo",
                      {{"X-Requested-With", "t"}})
                ->body,
            fixture("session_login_ruby.xml"));
}

// For every element path: which child names come before which (over all its instances).
using Precedence = std::map<std::string, std::set<std::pair<std::string, std::string>>>;
void collect(const XmlNode& n, const std::string& path, Precedence& out) {
  auto& pairs = out[path];
  for (size_t i = 0; i < n.children.size(); ++i) {
    for (size_t j = i + 1; j < n.children.size(); ++j) {
      if (n.children[i].name != n.children[j].name)
        pairs.emplace(n.children[i].name, n.children[j].name);
    }
    collect(n.children[i], path + "/" + n.children[i].name, out);
  }
}

// Every element path of the recording exists in ours, and no two children come in the opposite
// order.
void expect_same_structure(const std::string& recorded, const std::string& ours) {
  auto a = parse_xml(recorded), b = parse_xml(ours);
  ASSERT_TRUE(a.ok) << a.error;
  ASSERT_TRUE(b.ok) << b.error;
  EXPECT_EQ(a.root.name, b.root.name);
  Precedence ra, rb;
  collect(a.root, a.root.name, ra);
  collect(b.root, b.root.name, rb);
  for (const auto& [path, pairs] : ra) {
    if (path.ends_with("/GUY")) continue;  // stray element in the 2015 SkyLeach sample
    ASSERT_TRUE(rb.contains(path)) << "missing element path " << path;
    for (const auto& [first, second] : pairs) {
      EXPECT_FALSE(rb[path].contains({second, first}))
          << "under " << path << ": " << first << " must come before " << second;
    }
  }
}

TEST_F(Conformance, ElementStructureFollowsTheRecordings) {
  QVM_REQUIRE_SHARED_FIXTURES();
  start();
  expect_same_structure(
      fixture("host_list_detection_docsample_reformatted_j1.xml"),
      get("/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=5")->body);
  expect_same_structure(fixture("kb_vuln_single_keepalive_j1.xml"),
                        get("/api/2.0/fo/knowledge_base/vuln/?action=list&details=All")->body);
  expect_same_structure(fixture("kb_vuln_list_tinykb_skyleach.xml"),
                        get("/api/2.0/fo/knowledge_base/vuln/?action=list&details=All")->body);
  expect_same_structure(fixture("host_list_idset_j1.xml"),
                        get("/api/2.0/fo/asset/host/?action=list&details=None")->body);
  expect_same_structure(fixture("scan_list_ruby.xml"), get("/api/2.0/fo/scan/?action=list")->body);
  const std::string qps =
      "<ServiceRequest><preferences><limitResults>60</limitResults></preferences></ServiceRequest>";
  expect_same_structure(fixture("qps_hostasset_search_nomatch_j1.xml"),
                        post_xml("/qps/rest/2.0/search/am/hostasset",
                                 "<ServiceRequest><filters><Criteria field=\"qwebHostId\" "
                                 "operator=\"EQUALS\">1</Criteria></filters></ServiceRequest>")
                            ->body);
  auto body = post_xml("/qps/rest/2.0/search/am/hostasset", qps)->body;
  auto doc = parse_xml(body);
  ASSERT_TRUE(doc.ok);
  auto recorded = parse_xml(fixture("qps_hostasset_list_docsample_j1.xml"));
  ASSERT_TRUE(recorded.ok);
  // Order of HostAsset children: the recording's are a subsequence of ours (agent host).
  std::vector<std::string> ours;
  for (const auto* a : doc.root.find("data")->all("HostAsset")) {
    if (a->child("agentInfo")) {
      ours = child_names(*a);
      break;
    }
  }
  ASSERT_FALSE(ours.empty());
  size_t k = 0;
  for (const auto& n : child_names(*recorded.root.find("data/HostAsset"))) {
    auto it = std::find(ours.begin() + static_cast<std::ptrdiff_t>(k), ours.end(), n);
    ASSERT_NE(it, ours.end()) << n << " missing or out of order";
    k = static_cast<size_t>(it - ours.begin());
  }
}

std::vector<std::string> header_names(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.starts_with("HTTP/")) continue;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.push_back(name);
  }
  return out;
}

TEST_F(Conformance, HeadersComeInTheRecordedOrder) {
  QVM_REQUIRE_SHARED_FIXTURES();
  start();
  auto recorded_text = fixture("http_exchange_hld_post_j1.txt");
  auto recorded = header_names(recorded_text.substr(recorded_text.find("--- response ---")));
  auto raw =
      raw_exchange(sim_->port(),
                   "POST /api/2.0/fo/asset/host/vm/detection/ HTTP/1.1\r\nHost: x\r\n"
                   "Authorization: Basic ZGVtbzpkZW1v\r\nX-Requested-With: t\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n"
                   "Connection: close\r\n\r\naction=list");
  auto ours = header_names(raw.substr(0, raw.find("\r\n\r\n")));
  size_t k = 0;
  for (const auto& name : recorded) {
    auto it = std::find(ours.begin(), ours.end(), name);
    if (it == ours.end()) {
      EXPECT_TRUE(name == "x-powered-by" || name == "keep-alive") << "missing header " << name;
      continue;
    }
    auto pos = static_cast<size_t>(it - ours.begin());
    EXPECT_GE(pos, k) << name << " out of order";
    k = pos;
  }
  for (auto n :
       {"x-ratelimit-limit", "x-ratelimit-window-sec", "x-concurrency-limit-limit",
        "x-concurrency-limit-running", "x-ratelimit-towait-sec", "x-ratelimit-remaining"}) {
    EXPECT_NE(std::find(ours.begin(), ours.end(), n), ours.end()) << n;
  }
}

}  // namespace
}  // namespace qvm::sim::test
