// Rate and concurrency limits (409 + 1965/1960) and every injected fault.
#include <future>
#include <thread>

#include "sim_harness.hpp"

namespace qvm::sim::test {
namespace {

class LimitsFaults : public SimTest {};

TEST_F(LimitsFaults, RateLimitAnswers1965UntilTheWindowSlides) {
  auto o = test_options();
  o.limits = Limits{3, std::chrono::seconds(3600), 2};
  start(o);
  for (int i = 0; i < 3; ++i) {
    auto res = get("/msp/about.php");
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("X-RateLimit-Remaining"), std::to_string(2 - i));
    EXPECT_EQ(res->get_header_value("X-RateLimit-Limit"), "3");
  }
  auto refused = get("/msp/about.php");
  EXPECT_EQ(refused->status, 409);
  auto doc = parse_xml(refused->body);
  EXPECT_EQ(doc.root.at("RESPONSE/CODE"), "1965");
  EXPECT_EQ(refused->get_header_value("X-RateLimit-ToWait-Sec"), "3600");
  EXPECT_EQ(doc.root.at("RESPONSE/ITEM_LIST/ITEM/KEY"), "SECONDS_TO_WAIT");
  EXPECT_EQ(doc.root.at("RESPONSE/ITEM_LIST/ITEM/VALUE"), "3600");
  EXPECT_EQ(doc.root.at("RESPONSE/TEXT"),
            "This API cannot be run again for another 1 hours, 0 minutes and 0 seconds.");
  // Limits are per endpoint.
  EXPECT_EQ(get("/api/2.0/fo/scan/?action=list")->status, 200);
  sim_->advance_clock(std::chrono::seconds(3601));
  EXPECT_EQ(get("/msp/about.php")->status, 200);
  EXPECT_EQ(sim_->stats().of(Endpoint::kAbout).statuses.at(409), 1u);
}

TEST_F(LimitsFaults, ConcurrencyLimitAnswers1960) {
  auto o = test_options();
  o.limits = Limits{0, std::chrono::seconds(3600), 1};
  o.faults.push_back(
      FaultRule{Endpoint::kDetections, FaultKind::kDelay, 0, 1, std::chrono::milliseconds(800), 0});
  start(o);
  auto slow = std::async(std::launch::async, [&] {
    httplib::Client c("127.0.0.1", sim_->port());
    return c.Get("/api/2.0/fo/asset/host/vm/detection/?action=list", auth_headers())->status;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto refused = get("/api/2.0/fo/asset/host/vm/detection/?action=list");
  EXPECT_EQ(refused->status, 409);
  auto doc = parse_xml(refused->body);
  EXPECT_EQ(doc.root.at("RESPONSE/CODE"), "1960");
  EXPECT_EQ(doc.root.at("RESPONSE/TEXT"),
            "This API cannot be run again until 1 currently running API instance has finished.");
  EXPECT_EQ(doc.root.at("RESPONSE/ITEM_LIST/ITEM/KEY"), "CALLS_TO_FINISH");
  EXPECT_EQ(refused->get_header_value("X-Concurrency-Limit-Running"), "1");
  EXPECT_EQ(slow.get(), 200);
  EXPECT_EQ(get("/api/2.0/fo/asset/host/vm/detection/?action=list")->status, 200);
  EXPECT_EQ(sim_->stats().of(Endpoint::kDetections).max_concurrent, 2);
}

FaultRule nth(Endpoint e, FaultKind k, std::uint64_t n = 1) {
  FaultRule r;
  r.endpoint = e;
  r.kind = k;
  r.nth = n;
  r.after_bytes = 300;
  r.duration = std::chrono::milliseconds(300);
  return r;
}

TEST_F(LimitsFaults, StatusFaultsOnTheNthCall) {
  start();
  sim_->set_faults({nth(Endpoint::kHostList, FaultKind::kHttp503, 2),
                    nth(Endpoint::kHostList, FaultKind::kHttp500, 3),
                    nth(Endpoint::kHostList, FaultKind::kHttp502, 4),
                    nth(Endpoint::kHostList, FaultKind::kRate409, 5),
                    nth(Endpoint::kHostList, FaultKind::kConcurrency409, 6),
                    nth(Endpoint::kHostList, FaultKind::kErrorIn200, 7)});
  const std::string t = "/api/2.0/fo/asset/host/?action=list&details=None";
  EXPECT_EQ(get(t)->status, 200);
  EXPECT_EQ(get(t)->status, 503);
  EXPECT_EQ(get(t)->status, 500);
  EXPECT_EQ(get(t)->status, 502);
  auto rate = get(t);
  EXPECT_EQ(rate->status, 409);
  EXPECT_EQ(parse_xml(rate->body).root.at("RESPONSE/CODE"), "1965");
  auto conc = get(t);
  EXPECT_EQ(conc->status, 409);
  EXPECT_EQ(parse_xml(conc->body).root.at("RESPONSE/CODE"), "1960");
  auto in200 = get(t);
  EXPECT_EQ(in200->status, 200);
  EXPECT_EQ(parse_xml(in200->body).root.at("RESPONSE/CODE"), "999");
  EXPECT_EQ(get(t)->status, 200);
  EXPECT_EQ(sim_->stats().of(Endpoint::kHostList).faults, 6u);
}

TEST_F(LimitsFaults, BodyFaults) {
  start();
  const std::string t = "/api/2.0/fo/asset/host/?action=list&details=All";
  auto full = get(t);
  ASSERT_TRUE(parse_xml(full->body).ok);
  const auto port = sim_->port();
  const std::string request = "GET " + t +
                              " HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ZGVtbzpkZW1v\r\n"
                              "X-Requested-With: t\r\nConnection: close\r\n\r\n";

  sim_->set_faults({nth(Endpoint::kHostList, FaultKind::kDrop, 2)});
  auto dropped = raw_exchange(port, request);
  EXPECT_TRUE(dropped.starts_with("HTTP/1.1 200 OK"));
  EXPECT_EQ(dropped.find("\r\n0\r\n\r\n"), std::string::npos);  // no final chunk
  EXPECT_NE(dropped.find("<?xml"), std::string::npos);
  auto via_client = get(t);  // a full body again (fault was for call 2 only)
  EXPECT_EQ(via_client->body, full->body);

  sim_->set_faults({nth(Endpoint::kHostList, FaultKind::kTruncate, 4)});
  auto truncated = get(t);
  ASSERT_TRUE(truncated);
  EXPECT_EQ(truncated->status, 200);
  EXPECT_EQ(truncated->body, full->body.substr(0, 300));
  EXPECT_FALSE(parse_xml(truncated->body).ok);

  sim_->set_faults({nth(Endpoint::kHostList, FaultKind::kMalformed, 5)});
  auto malformed = get(t);
  const std::string insert = "\n]]>--></QVM_SIM_MALFORMED_BY_FAULT_INJECTION>\n";
  EXPECT_EQ(malformed->body.size(), full->body.size() + insert.size());
  EXPECT_EQ(malformed->body.substr(300, insert.size()), insert);
  EXPECT_EQ(malformed->body.substr(0, 300), full->body.substr(0, 300));
  EXPECT_FALSE(parse_xml(malformed->body).ok);

  sim_->set_faults({nth(Endpoint::kHostList, FaultKind::kStall, 6)});
  auto t0 = std::chrono::steady_clock::now();
  auto stalled = get(t);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(290));
  EXPECT_EQ(stalled->body, full->body);

  sim_->set_faults({nth(Endpoint::kHostList, FaultKind::kDelay, 7)});
  t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(get(t)->body, full->body);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(290));
}

TEST_F(LimitsFaults, ProbabilisticFaultsAreReproducibleFromTheSeed) {
  auto run = [&] {
    auto o = test_options();
    auto rule = parse_fault_rule("kb:503:p=0.5");
    EXPECT_TRUE(rule);
    o.faults = {*rule};
    start(o);
    std::string pattern;
    for (int i = 0; i < 20; ++i)
      pattern += get("/api/2.0/fo/knowledge_base/vuln/?action=list&details=None")->status == 503
                     ? 'x'
                     : '.';
    TearDown();
    return pattern;
  };
  auto a = run(), b = run();
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find('x'), std::string::npos);
  EXPECT_NE(a.find('.'), std::string::npos);
}

TEST(FaultSpec, ParsesAndRejects) {
  auto r = parse_fault_rule("hld:stall:nth=3:ms=250:bytes=4096");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->endpoint, Endpoint::kDetections);
  EXPECT_EQ(r->kind, FaultKind::kStall);
  EXPECT_EQ(r->nth, 3u);
  EXPECT_EQ(r->duration, std::chrono::milliseconds(250));
  EXPECT_EQ(r->after_bytes, 4096u);
  EXPECT_FALSE(parse_fault_rule("nowhere:drop"));
  EXPECT_FALSE(parse_fault_rule("hld:explode"));
  EXPECT_FALSE(parse_fault_rule("hld:drop:p=2"));
  auto limits = parse_rate_limit("300/3600", Limits{});
  ASSERT_TRUE(limits);
  EXPECT_EQ(limits->calls, 300);
  EXPECT_FALSE(parse_rate_limit("x/1", Limits{}));
  EXPECT_EQ(limits_profile("premium")->concurrency, 10);
}

}  // namespace
}  // namespace qvm::sim::test
