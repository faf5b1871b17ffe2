// The client's other resources against the simulator: KnowledgeBase batches, scans, QPS host
// assets, about/limits, session auth, TLS.
#include <gtest/gtest.h>

#include <filesystem>

#include "sim_client.hpp"

namespace qvm {
namespace {

using test::start_sim_client;
using test::test_sim_options;

TEST(ClientKnowledgeBase, BatchesOfQidsReturnTheSimulatorsVulns) {
  auto sc = start_sim_client(test_sim_options(10));
  auto view = sc.sim->dataset().view();
  KnowledgeBaseQuery query;
  for (std::uint32_t i = 0; i < 25; ++i)
    query.ids.push_back({view.qid(i * 7), view.qid(i * 7)});
  query.batch_size = 10;
  std::vector<Vuln> vulns;
  auto status = sc.client->knowledge_base(query, {.vuln =
                                                      [&](const Vuln& v) {
                                                        vulns.push_back(v);
                                                        return Status{};
                                                      },
                                                  .id = nullptr});
  ASSERT_TRUE(status) << status.error().message;
  ASSERT_EQ(vulns.size(), 25u);
  for (std::uint32_t i = 0; i < 25; ++i) {
    Vuln want = view.vuln(i * 7);
    EXPECT_EQ(vulns[i].qid, want.qid);
    EXPECT_EQ(vulns[i].title, want.title);
    EXPECT_EQ(vulns[i].severity_level, want.severity_level);
    EXPECT_EQ(vulns[i].cve_list, want.cve_list);
    EXPECT_EQ(vulns[i].diagnosis, want.diagnosis);
    EXPECT_EQ(vulns[i].solution, want.solution);
  }
  EXPECT_EQ(sc.client->calls()["/api/2.0/fo/knowledge_base/vuln/"], 3);  // 25 QIDs in 10s
}

TEST(ClientScans, ListsTheSimulatorsScans) {
  auto sc = start_sim_client(test_sim_options(10));
  auto want = sc.sim->dataset().view().scans();
  std::vector<Scan> got;
  auto status = sc.client->scans({}, [&](const Scan& s) {
    got.push_back(s);
    return Status{};
  });
  ASSERT_TRUE(status) << status.error().message;
  ASSERT_FALSE(want.empty());
  // Qualys lists the last 30 days by default; every scan listed is one of the simulator's.
  ASSERT_FALSE(got.empty());
  for (const auto& s : got) {
    auto it = std::find_if(want.begin(), want.end(), [&](const Scan& w) { return w.ref == s.ref; });
    ASSERT_NE(it, want.end()) << s.ref;
    EXPECT_EQ(s.title, it->title);
    EXPECT_EQ(s.status_state, it->status_state);
  }
}

TEST(ClientHostAssets, SearchPagesWithLastIdAndMatchesVmHosts) {
  auto sc = start_sim_client(test_sim_options(40));
  auto view = sc.sim->dataset().view();
  std::string ids;
  for (std::uint64_t i = 0; i < 25; ++i)
    ids += (i ? "," : "") + std::to_string(view.host_id(i));
  HostAssetQuery query;
  query.criteria = {{"qwebHostId", "IN", ids}};
  query.limit_results = 10;  // three pages
  std::vector<HostAsset> assets;
  auto status = sc.client->host_assets(query, [&](const HostAsset& a) {
    assets.push_back(a);
    return Status{};
  });
  ASSERT_TRUE(status) << status.error().message;
  ASSERT_EQ(assets.size(), 25u);
  for (std::uint64_t i = 0; i < 25; ++i) {
    HostAsset want = view.host_asset(i);
    EXPECT_EQ(assets[i].id, want.id);
    EXPECT_EQ(assets[i].qweb_host_id, view.host_id(i));
    EXPECT_EQ(assets[i].vuln.size(), want.vuln.size());
  }
  EXPECT_EQ(sc.client->calls()["/qps/rest/2.0/search/am/hostasset"], 3);

  auto count = sc.client->count_host_assets({});
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(*count, view.host_count());

  auto one = sc.client->host_asset(view.asset_id(3));
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_EQ(one->qweb_host_id, view.host_id(3));
}

TEST(ClientAbout, ReportsTheLimitHeaders) {
  auto options = test_sim_options(5);
  options.limits = sim::Limits{300, std::chrono::seconds(3600), 2};
  auto sc = start_sim_client(options);
  auto about = sc.client->about();
  ASSERT_TRUE(about) << about.error().message;
  EXPECT_EQ(about->limits.limit, 300);
  EXPECT_EQ(about->limits.window_sec, 3600);
  EXPECT_EQ(about->limits.concurrency_limit, 2);
  EXPECT_EQ(about->limits.remaining, 299);
  ASSERT_TRUE(about->about.api_version);
}

TEST(ClientSession, LogsInOnceAndOutAtTheEnd) {
  auto options = test_sim_options(20);
  ClientOptions client_options;
  client_options.session_auth = true;
  auto sc = start_sim_client(options, {}, client_options);
  std::uint64_t detections = 0;
  for (int run = 0; run < 2; ++run) {
    auto status = sc.client->detections({}, {.detection =
                                                 [&](const Host&, const Detection&) {
                                                   ++detections;
                                                   return Status{};
                                                 },
                                             .host_end = nullptr});
    ASSERT_TRUE(status) << status.error().message;
  }
  EXPECT_GT(detections, 0u);
  EXPECT_EQ(sc.sim->stats().of(sim::Endpoint::kSession).calls, 1u);  // one login
  sc.client.reset();                                                 // logs out
  EXPECT_EQ(sc.sim->stats().of(sim::Endpoint::kSession).calls, 2u);
}

TEST(ClientTls, VerifiesWithTheSimulatorsCaAndRefusesWithout) {
  auto options = test_sim_options(10);
  options.tls = true;
  auto dir = std::filesystem::temp_directory_path() / ("qvm-tls-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  options.ca_file = (dir / "ca.pem").string();
  auto sim = std::make_unique<sim::Simulator>(options);
  auto url = sim->start();
  ASSERT_TRUE(url) << url.error().message;
  ASSERT_EQ(url->rfind("https://", 0), 0u);

  auto connection = test::fast_connection(*url);
  Client refused(connection);
  auto bad = refused.about();
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kNetwork);
  EXPECT_NE(bad.error().hint.find("--cacert"), std::string::npos) << bad.error().hint;

  connection.tls.ca_file = options.ca_file;
  Client verified(connection);
  auto good = verified.about();
  EXPECT_TRUE(good) << good.error().message;
  std::filesystem::remove_all(dir);
}

TEST(ClientLimits, ConcurrencyNeverAboveTheLimitWithParallelCallers) {
  auto options = test_sim_options(40);
  options.limits = sim::Limits{100000, std::chrono::seconds(3600), 2};
  auto sc = start_sim_client(options);
  ASSERT_TRUE(sc.client->about());  // learn the limits
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 5; ++t) {
    threads.emplace_back([&] {
      DetectionQuery query;
      query.truncation_limit = 5;
      auto s = sc.client->detections(query, {.detection = nullptr, .host_end = nullptr});
      if (!s) ++failures;
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(failures.load(), 0);
  auto stats = sc.sim->stats().of(sim::Endpoint::kDetections);
  EXPECT_LE(stats.max_concurrent, 2);
  EXPECT_EQ(stats.statuses.count(409), 0u) << "the governor must keep under the limit";
}

}  // namespace
}  // namespace qvm
