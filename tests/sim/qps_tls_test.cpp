// QPS host assets (search, count, get, paging, errors) and TLS with the written CA file.
#include <cstdio>
#include <filesystem>
#include <set>

#include "sim_harness.hpp"

namespace qvm::sim::test {
namespace {

class Qps : public SimTest {};

std::string request(const std::string& criteria, int limit = 100) {
  return "<ServiceRequest><preferences><limitResults>" + std::to_string(limit) +
         "</limitResults></preferences><filters>" + criteria + "</filters></ServiceRequest>";
}

TEST_F(Qps, SearchByHostIdMatchesTheVmHost) {
  start();
  const auto data = sim_->dataset().view();
  const auto host_id = data.host_id(12);
  auto res = post_xml("/qps/rest/2.0/search/am/hostasset",
                      request("<Criteria field=\"qwebHostId\" operator=\"EQUALS\">" +
                                  std::to_string(host_id) + "</Criteria>",
                              1));
  ASSERT_EQ(res->status, 200);
  EXPECT_FALSE(res->has_header("X-RateLimit-Limit"));
  EXPECT_EQ(res->get_header_value("Server"), "Apache");
  auto doc = parse_xml(res->body);
  ASSERT_TRUE(doc.ok) << doc.error;
  EXPECT_EQ(doc.root.at("responseCode"), "SUCCESS");
  EXPECT_EQ(doc.root.at("count"), "1");
  EXPECT_EQ(doc.root.at("hasMoreRecords"), "false");
  const auto* asset = doc.root.find("data/HostAsset");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->at("qwebHostId"), std::to_string(host_id));
  EXPECT_EQ(asset->at("id"), std::to_string(data.asset_id(12)));
  std::vector<std::string> qids;
  for (const auto* v : asset->find("vuln/list")->all("HostAssetVuln"))
    qids.push_back(v->at("qid"));
  std::vector<std::string> expected;
  for (const auto& d : data.detections(12)) {
    if (d.status != "Fixed") expected.push_back(std::to_string(d.qid));
  }
  EXPECT_EQ(qids, expected);
}

TEST_F(Qps, PagingWithLastIdCoversEveryAssetOnce) {
  start();
  const auto data = sim_->dataset().view();
  std::vector<std::string> seen;
  std::string criteria;
  for (int page = 0; page < 100; ++page) {
    auto doc = parse_xml(post_xml("/qps/rest/2.0/search/am/hostasset", request(criteria, 7))->body);
    ASSERT_TRUE(doc.ok);
    for (const auto* a : doc.root.find("data")->all("HostAsset"))
      seen.push_back(a->at("id"));
    if (doc.root.at("hasMoreRecords") != "true") {
      EXPECT_FALSE(doc.root.find("lastId"));
      break;
    }
    EXPECT_EQ(doc.root.at("count"), "7");
    criteria =
        "<Criteria field=\"id\" operator=\"GREATER\">" + doc.root.at("lastId") + "</Criteria>";
  }
  ASSERT_EQ(seen.size(), data.host_count());
  for (std::uint64_t i = 0; i < data.host_count(); ++i)
    EXPECT_EQ(seen[i], std::to_string(data.asset_id(i)));
}

TEST_F(Qps, CountGetAndTextCriteria) {
  start();
  const auto data = sim_->dataset().view();
  auto count = parse_xml(post_xml("/qps/rest/2.0/count/am/hostasset", request(""))->body);
  EXPECT_EQ(count.root.at("count"), std::to_string(data.host_count()));
  size_t linux_hosts = 0;
  for (std::uint64_t i = 0; i < data.host_count(); ++i)
    linux_hosts += data.host(i).os->find("Linux") != std::string::npos;
  auto by_os =
      parse_xml(post_xml("/qps/rest/2.0/count/am/hostasset",
                         request("<Criteria field=\"os\" operator=\"CONTAINS\">linux</Criteria>"))
                    ->body);
  EXPECT_EQ(by_os.root.at("count"), std::to_string(linux_hosts));
  auto one =
      parse_xml(get("/qps/rest/2.0/get/am/hostasset/" + std::to_string(data.asset_id(3)))->body);
  EXPECT_EQ(one.root.at("data/HostAsset/qwebHostId"), std::to_string(data.host_id(3)));
  auto none =
      parse_xml(post_xml("/qps/rest/2.0/search/am/hostasset",
                         request("<Criteria field=\"qwebHostId\" operator=\"EQUALS\">1</Criteria>"))
                    ->body);
  EXPECT_EQ(none.root.at("count"), "0");
  EXPECT_FALSE(none.root.find("data"));
  EXPECT_FALSE(none.root.find("hasMoreRecords"));
}

TEST_F(Qps, ErrorsAreHttp200Documents) {
  start();
  auto bad =
      post_xml("/qps/rest/2.0/search/am/hostasset",
               request("<Criteria field=\"qwebHostId\" operator=\"EQUALS\">abc123</Criteria>"));
  EXPECT_EQ(bad->status, 200);
  auto doc = parse_xml(bad->body);
  EXPECT_EQ(doc.root.at("responseCode"), "INVALID_REQUEST");
  EXPECT_EQ(doc.root.at("responseErrorDetails/errorMessage"),
            "Criteria: Invalid value format for criteria 'qwebHostId' (abc123).");
  EXPECT_EQ(doc.root.at("responseErrorDetails/errorResolution"),
            "Specify criteria value(s) as Long.");
  auto creds = post_xml("/qps/rest/2.0/search/am/hostasset", request(""),
                        {httplib::make_basic_authentication_header("demo", "bad")});
  EXPECT_EQ(creds->status, 200);
  EXPECT_EQ(parse_xml(creds->body).root.at("responseCode"), "INVALID_CREDENTIALS");
  EXPECT_EQ(parse_xml(creds->body).root.at("responseErrorDetails/errorMessage"),
            "Authentication failed");
}

TEST(Tls, ServesHttpsVerifiedWithTheWrittenCa) {
  auto o = test_options();
  o.tls = true;
  o.ca_file = (std::filesystem::temp_directory_path() /
               ("qvm-sim-ca-" + std::to_string(::getpid()) + ".pem"))
                  .string();
  Simulator sim(o);
  auto url = sim.start();
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_TRUE(url->starts_with("https://127.0.0.1:"));
  httplib::SSLClient c("127.0.0.1", sim.port());
  c.set_ca_cert_path(o.ca_file.c_str());
  c.enable_server_certificate_verification(true);
  auto res =
      c.Get("/api/2.0/fo/asset/host/?action=list&details=None",
            {httplib::make_basic_authentication_header("demo", "demo"), {"X-Requested-With", "t"}});
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(parse_xml(res->body).root.find("RESPONSE/ID_SET")->children.size(), 60u);
  httplib::SSLClient untrusting("127.0.0.1", sim.port());
  untrusting.enable_server_certificate_verification(true);
  untrusting.set_ca_cert_path("/nonexistent-ca.pem");
  EXPECT_FALSE(untrusting.Get("/msp/about.php"));
  sim.stop();
  std::filesystem::remove(o.ca_file);
}

}  // namespace
}  // namespace qvm::sim::test
