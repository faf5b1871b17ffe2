// The client against the simulator: hosts and detections, every page exactly once, compared with
// the simulator's own data; retries that replace partial pages.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "sim_client.hpp"

namespace qvm {
namespace {

using test::start_sim_client;
using test::test_sim_options;

struct Collected {
  std::vector<std::pair<std::uint64_t, Detection>> detections;  // (host ID, detection)
  std::vector<std::uint64_t> host_ends;
};

Result<Collected> collect(Client& client, const DetectionQuery& query) {
  Collected c;
  auto status = client.detections(query, {.detection =
                                              [&](const Host& h, const Detection& d) {
                                                c.detections.emplace_back(h.id, d);
                                                return Status{};
                                              },
                                          .host_end =
                                              [&](const Host& h, size_t) {
                                                c.host_ends.push_back(h.id);
                                                return Status{};
                                              }});
  if (!status) return std::unexpected(status.error());
  return c;
}

// What the simulator's data says HLD returns by default: not Fixed, not information gathered.
std::vector<std::pair<std::uint64_t, Detection>> expected_default(const sim::DataView& view) {
  std::vector<std::pair<std::uint64_t, Detection>> out;
  for (std::uint64_t i = 0; i < view.host_count(); ++i) {
    for (const auto& d : view.detections(i)) {
      if (d.status == "Fixed" || d.type == "Info") continue;
      out.emplace_back(view.host_id(i), d);
    }
  }
  return out;
}

void expect_same_detections(const std::vector<std::pair<std::uint64_t, Detection>>& got,
                            const std::vector<std::pair<std::uint64_t, Detection>>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE("detection " + std::to_string(i));
    EXPECT_EQ(got[i].first, want[i].first);
    const Detection& g = got[i].second;
    const Detection& w = want[i].second;
    EXPECT_EQ(g.qid, w.qid);
    EXPECT_EQ(g.type, w.type);
    EXPECT_EQ(g.severity, w.severity);
    EXPECT_EQ(g.port, w.port);
    EXPECT_EQ(g.protocol, w.protocol);
    EXPECT_EQ(g.ssl, w.ssl);
    EXPECT_EQ(g.status, w.status);
    EXPECT_EQ(g.results, w.results);
    EXPECT_EQ(g.first_found_datetime, w.first_found_datetime);
    EXPECT_EQ(g.last_found_datetime, w.last_found_datetime);
    EXPECT_EQ(g.times_found, w.times_found);
  }
}

TEST(ClientDetections, EveryDetectionOfEveryHostOnceAcrossManyPages) {
  auto sc = start_sim_client(test_sim_options(150));
  DetectionQuery query;
  query.truncation_limit = 1;  // a page per host: well over a hundred pages
  auto got = collect(*sc.client, query);
  ASSERT_TRUE(got) << got.error().message;
  auto want = expected_default(sc.sim->dataset().view());
  ASSERT_GT(want.size(), 500u);
  expect_same_detections(got->detections, want);
  // Pages: one call per host that has a matching detection (hosts without are omitted).
  std::set<std::uint64_t> hosts;
  for (const auto& [id, d] : want)
    hosts.insert(id);
  EXPECT_EQ(got->host_ends.size(), hosts.size());
  auto calls = sc.client->calls();
  EXPECT_GE(calls["/api/2.0/fo/asset/host/vm/detection/"], static_cast<long>(hosts.size()));
  EXPECT_LE(calls["/api/2.0/fo/asset/host/vm/detection/"], static_cast<long>(hosts.size()) + 1);
}

TEST(ClientDetections, FiltersBySeverityAndStatusIncludingFixed) {
  auto sc = start_sim_client(test_sim_options(60));
  DetectionQuery query;
  query.severities = {4, 5};
  query.status = {"New", "Active", "Re-Opened", "Fixed"};
  auto got = collect(*sc.client, query);
  ASSERT_TRUE(got) << got.error().message;
  auto view = sc.sim->dataset().view();
  std::vector<std::pair<std::uint64_t, Detection>> want;
  for (std::uint64_t i = 0; i < view.host_count(); ++i) {
    for (const auto& d : view.detections(i)) {
      if (d.type == "Info" || !d.severity || *d.severity < 4) continue;
      want.emplace_back(view.host_id(i), d);
    }
  }
  ASSERT_FALSE(want.empty());
  bool has_fixed = false;
  for (const auto& [id, d] : want)
    has_fixed |= d.status == "Fixed";
  EXPECT_TRUE(has_fixed) << "the data should hold Fixed detections of severity 4-5";
  expect_same_detections(got->detections, want);
}

TEST(ClientDetections, IpRangeSelectsExactlyThoseHosts) {
  auto sc = start_sim_client(test_sim_options(80));
  auto view = sc.sim->dataset().view();
  // The IPv4 range spanning hosts 10..29 (as the simulator numbers them).
  std::uint32_t lo = UINT32_MAX, hi = 0;
  for (std::uint64_t i = 10; i < 30; ++i) {
    if (auto ip = view.host_ipv4(i)) {
      lo = std::min(lo, *ip);
      hi = std::max(hi, *ip);
    }
  }
  ASSERT_LT(lo, hi);
  DetectionQuery query;
  query.hosts.ips = {{lo, hi}};
  auto got = collect(*sc.client, query);
  ASSERT_TRUE(got) << got.error().message;
  std::vector<std::pair<std::uint64_t, Detection>> want;
  for (const auto& pair : expected_default(view)) {
    auto index = view.host_index(pair.first);
    auto ip = view.host_ipv4(*index);
    if (ip && *ip >= lo && *ip <= hi) want.push_back(pair);
  }
  ASSERT_FALSE(want.empty());
  expect_same_detections(got->detections, want);
}

struct FaultCase {
  const char* name;
  sim::FaultKind kind;
  // Stalls must outlast the client's stall timeout (2 s in tests) to be a fault at all.
  std::chrono::milliseconds duration{1000};
};

class ClientRetries : public ::testing::TestWithParam<FaultCase> {};

TEST_P(ClientRetries, RetriedPageReplacesThePartialOne) {
  auto options = test_sim_options(60);
  sim::FaultRule rule;
  rule.endpoint = sim::Endpoint::kDetections;
  rule.kind = GetParam().kind;
  rule.nth = 2;  // the second page fails once
  rule.after_bytes = 3000;
  rule.duration = GetParam().duration;
  options.faults = {rule};
  auto sc = start_sim_client(options);
  DetectionQuery query;
  query.truncation_limit = 10;
  auto got = collect(*sc.client, query);
  ASSERT_TRUE(got) << got.error().message;
  expect_same_detections(got->detections, expected_default(sc.sim->dataset().view()));
  // The simulator counts a fault when its response ends, which for a stall is after the client
  // gave up on it: wait for the count to settle.
  for (int i = 0; i < 200 && sc.sim->stats().of(sim::Endpoint::kDetections).faults == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(sc.sim->stats().of(sim::Endpoint::kDetections).faults, 1u);
  EXPECT_NE(sc.warnings->find("retrying"), std::string::npos) << *sc.warnings;
}

INSTANTIATE_TEST_SUITE_P(
    Faults, ClientRetries,
    ::testing::Values(FaultCase{"drop", sim::FaultKind::kDrop},
                      FaultCase{"truncate", sim::FaultKind::kTruncate},
                      FaultCase{"http500", sim::FaultKind::kHttp500},
                      FaultCase{"http503", sim::FaultKind::kHttp503},
                      FaultCase{"rate409", sim::FaultKind::kRate409},
                      FaultCase{"concurrency409", sim::FaultKind::kConcurrency409},
                      FaultCase{"stall", sim::FaultKind::kStall, std::chrono::milliseconds(5000)}),
    [](const ::testing::TestParamInfo<FaultCase>& fault) { return std::string(fault.param.name); });

TEST(ClientErrors, MalformedXmlIsReportedNotRetried) {
  // At many offsets, so that the break lands in tags, text and RESULTS' CDATA alike: a document
  // broken anywhere must fail, never yield quietly corrupted records.
  for (std::uint64_t offset : {500u, 1234u, 3000u, 4567u, 7777u, 12345u, 20000u, 33333u}) {
    SCOPED_TRACE("break after " + std::to_string(offset) + " bytes");
    auto options = test_sim_options(20);
    sim::FaultRule rule;
    rule.endpoint = sim::Endpoint::kDetections;
    rule.kind = sim::FaultKind::kMalformed;
    rule.nth = 1;
    rule.after_bytes = offset;
    options.faults = {rule};
    auto sc = start_sim_client(options);
    auto got = collect(*sc.client, DetectionQuery{});
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().kind, ErrorKind::kMalformed);
    EXPECT_EQ(sc.sim->stats().of(sim::Endpoint::kDetections).calls, 1u);
  }
}

TEST(ClientErrors, BadCredentialsAreAnAuthErrorWithTheQualysCode) {
  auto options = test_sim_options(10);
  auto sim = std::make_unique<sim::Simulator>(options);
  auto url = sim->start();
  ASSERT_TRUE(url);
  auto connection = test::fast_connection(*url);
  connection.credentials.password = "wrong-password";
  Client client(connection);
  auto got = collect(client, DetectionQuery{});
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind, ErrorKind::kAuth);
  EXPECT_EQ(got.error().qualys_code, 2000);
  EXPECT_NE(got.error().message.find("Bad Login/Password"), std::string::npos);
  EXPECT_EQ(got.error().message.find("wrong-password"), std::string::npos);
  EXPECT_EQ(sim->stats().of(sim::Endpoint::kDetections).calls, 1u) << "401 is never retried";
}

TEST(ClientErrors, ExpiredAccountIn200IsAnAuthError) {
  auto options = test_sim_options(10);
  options.users.push_back({"old", "pw"});
  options.expired_users = {"old"};
  auto sim = std::make_unique<sim::Simulator>(options);
  auto url = sim->start();
  ASSERT_TRUE(url);
  auto connection = test::fast_connection(*url);
  connection.credentials = {"old", "pw"};
  Client client(connection);
  auto got = collect(client, DetectionQuery{});
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind, ErrorKind::kAuth);
  EXPECT_EQ(got.error().qualys_code, 2001);
}

TEST(ClientHosts, HostListPagesAndIdSet) {
  auto sc = start_sim_client(test_sim_options(130));
  auto view = sc.sim->dataset().view();
  std::vector<Host> hosts;
  HostListQuery query;
  query.details = "All";
  query.truncation_limit = 25;
  auto status = sc.client->hosts(query, {.host =
                                             [&](const Host& h) {
                                               hosts.push_back(h);
                                               return Status{};
                                             },
                                         .id = nullptr});
  ASSERT_TRUE(status) << status.error().message;
  ASSERT_EQ(hosts.size(), view.host_count());
  for (std::uint64_t i = 0; i < view.host_count(); ++i) {
    Host want = view.host(i);
    EXPECT_EQ(hosts[i].id, want.id);
    EXPECT_EQ(hosts[i].ip, want.ip);
    EXPECT_EQ(hosts[i].dns, want.dns);
    EXPECT_EQ(hosts[i].os, want.os);
    EXPECT_EQ(hosts[i].tracking_method, want.tracking_method);
  }
  EXPECT_EQ(sc.client->calls()["/api/2.0/fo/asset/host/"], 6);  // 130 hosts / 25 per page

  std::uint64_t ids = 0;
  HostListQuery id_query;
  id_query.details = "None";
  id_query.truncation_limit = 0;
  status = sc.client->hosts(id_query, {.host = nullptr, .id = [&](const IdRange& r) {
                                         ids += r.last - r.first + 1;
                                         return Status{};
                                       }});
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(ids, view.host_count());
}

}  // namespace
}  // namespace qvm
