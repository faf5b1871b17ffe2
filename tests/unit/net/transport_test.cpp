// Transport over real HTTP on loopback: exact bytes, streaming, GET/POST switch, headers, gzip,
// keep-alive, cut and stalled bodies, cancel, and failure classification.
#include "net/transport.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "loopback_server.hpp"

namespace qvm::net {
namespace {

using namespace std::chrono_literals;
using test::LoopbackServer;

std::string pattern_body(size_t size) {
  std::string body(size, '\0');
  std::uint32_t x = 12345;
  for (auto& c : body) {
    x = x * 1103515245 + 12345;
    c = static_cast<char>(x >> 24);
  }
  return body;
}

struct Collected {
  ResponseHead head;
  std::string body;
  int chunks = 0;
};

std::expected<TransferResult, Failure> fetch(Transport& t, const Request& r, Collected& out) {
  return t.perform(
      r,
      [&](const ResponseHead& h) -> Status {
        out.head = h;
        return {};
      },
      [&](std::string_view chunk) -> Status {
        out.body.append(chunk);
        ++out.chunks;
        return {};
      });
}

ConnectionOptions options_for(const LoopbackServer& server) {
  ConnectionOptions o;
  o.base_url = server.url("");
  o.credentials = {"user", "pass"};
  o.connect_timeout = 2000ms;
  o.stall_timeout = 1s;
  return o;
}

TEST(Transport, StreamsBodyBytesExactlyInChunks) {
  const std::string served = pattern_body(1'000'003);
  LoopbackServer server;
  server.http().Get("/api/2.0/fo/asset/host/",
                    [&](const httplib::Request&, httplib::Response& res) {
                      res.set_header("X-RateLimit-Limit", "300");
                      res.set_chunked_content_provider(
                          "application/octet-stream", [&](size_t offset, httplib::DataSink& sink) {
                            size_t n = std::min<size_t>(7919, served.size() - offset);
                            sink.write(served.data() + offset, n);
                            if (offset + n == served.size()) sink.done();
                            return true;
                          });
                    });
  server.start();
  Transport t(options_for(server));
  Collected got;
  auto r =
      fetch(t, {Method::kGet, server.url("/api/2.0/fo/asset/host/"), {{"action", "list"}}}, got);
  ASSERT_TRUE(r) << r.error().error.message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(got.head.status, 200);
  EXPECT_EQ(got.head.header("x-ratelimit-limit"), "300");  // names lower-cased
  EXPECT_EQ(r->body_bytes, served.size());
  EXPECT_TRUE(got.body == served);
  EXPECT_GT(got.chunks, 1);  // delivered as it came, not accumulated
}

TEST(Transport, SendsRequestedWithAndBasicAuth) {
  LoopbackServer server;
  std::string requested_with, authorization;
  server.http().Get("/msp/about.php", [&](const httplib::Request& req, httplib::Response& res) {
    requested_with = req.get_header_value("X-Requested-With");
    authorization = req.get_header_value("Authorization");
    res.set_content("<ABOUT/>", "text/xml");
  });
  server.start();
  Transport t(options_for(server));
  Collected got;
  ASSERT_TRUE(fetch(t, {Method::kGet, server.url("/msp/about.php")}, got));
  EXPECT_EQ(requested_with, "qvm");
  EXPECT_EQ(authorization, "Basic dXNlcjpwYXNz");  // user:pass
  EXPECT_EQ(got.body, "<ABOUT/>");
}

TEST(Transport, SessionCookieReplacesBasicAuth) {
  LoopbackServer server;
  std::string cookie, authorization;
  server.http().Get("/api/2.0/fo/scan/", [&](const httplib::Request& req, httplib::Response& res) {
    cookie = req.get_header_value("Cookie");
    authorization = req.get_header_value("Authorization");
    res.set_content("ok", "text/plain");
  });
  server.start();
  Transport t(options_for(server));
  t.set_session_cookie("71e6cda2a35d2cd404cddaf305ea0208");
  Collected got;
  ASSERT_TRUE(fetch(t, {Method::kGet, server.url("/api/2.0/fo/scan/")}, got));
  EXPECT_EQ(cookie, "QualysSession=71e6cda2a35d2cd404cddaf305ea0208");
  EXPECT_EQ(authorization, "");
}

TEST(Transport, SwitchesToPostAboveThresholdWithSameParameters) {
  LoopbackServer server;
  std::vector<std::pair<std::string, httplib::Params>> seen;
  auto record = [&](const httplib::Request& req, httplib::Response& res) {
    seen.emplace_back(req.method, req.params);
    if (req.method == "POST") {
      EXPECT_EQ(req.get_header_value("Content-Type"), "application/x-www-form-urlencoded");
    }
    res.set_content("ok", "text/plain");
  };
  server.http().Get("/api/2.0/fo/knowledge_base/vuln/", record);
  server.http().Post("/api/2.0/fo/knowledge_base/vuln/", record);
  server.start();
  Transport t(options_for(server));

  std::string ids;
  for (int i = 0; ids.size() < 1990; ++i)
    ids += (i ? "," : "") + std::to_string(100000 + i);
  FormParams short_params{{"action", "list"}, {"ids", "1-5,7"}, {"details", "All"}};
  FormParams long_params{{"action", "list"}, {"ids", ids}, {"details", "All"}};
  Collected got;
  auto a =
      fetch(t, {Method::kGet, server.url("/api/2.0/fo/knowledge_base/vuln/"), short_params}, got);
  auto b =
      fetch(t, {Method::kGet, server.url("/api/2.0/fo/knowledge_base/vuln/"), long_params}, got);
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(a->posted);
  EXPECT_TRUE(b->posted);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].first, "GET");
  EXPECT_EQ(seen[1].first, "POST");
  auto as_params = [](const FormParams& p) { return httplib::Params(p.begin(), p.end()); };
  EXPECT_EQ(seen[0].second, as_params(short_params));
  EXPECT_EQ(seen[1].second, as_params(long_params));
}

TEST(Transport, WarningUrlQueryJoinsTheParameters) {
  LoopbackServer server;
  httplib::Params seen;
  std::string method;
  server.http().Post("/api/2.0/fo/asset/host/",
                     [&](const httplib::Request& req, httplib::Response& res) {
                       seen = req.params;
                       method = req.method;
                       res.set_content("ok", "text/plain");
                     });
  server.start();
  Transport t(options_for(server));
  Collected got;
  auto r = fetch(t,
                 {Method::kPost,
                  server.url("/api/2.0/fo/asset/host/?action=list&id_min=2400356"),
                  {{"truncation_limit", "100"}}},
                 got);
  ASSERT_TRUE(r);
  EXPECT_EQ(method, "POST");
  EXPECT_EQ(seen, (httplib::Params{
                      {"action", "list"}, {"id_min", "2400356"}, {"truncation_limit", "100"}}));
}

TEST(Transport, PostsRawBodyWithItsContentType) {
  LoopbackServer server;
  std::string body, type;
  server.http().Post("/qps/rest/2.0/search/am/hostasset",
                     [&](const httplib::Request& req, httplib::Response& res) {
                       body = req.body;
                       type = req.get_header_value("Content-Type");
                       res.set_content("<ServiceResponse/>", "application/xml");
                     });
  server.start();
  Transport t(options_for(server));
  Collected got;
  Request r{
      Method::kPost,
      server.url("/qps/rest/2.0/search/am/hostasset"),
      {},
      "<ServiceRequest><preferences><limitResults>1</limitResults></preferences></ServiceRequest>",
      "text/xml"};
  ASSERT_TRUE(fetch(t, r, got));
  EXPECT_EQ(body, r.body);
  EXPECT_EQ(type, "text/xml");
}

TEST(Transport, AcceptsAndDecodesGzip) {
  std::string xml = "<HOST_LIST>";
  for (int i = 0; i < 5000; ++i)
    xml += "<HOST><ID>" + std::to_string(i) + "</ID></HOST>";
  xml += "</HOST_LIST>";
  LoopbackServer server;
  std::string accept;
  server.http().Get(
      "/api/2.0/fo/asset/host/", [&](const httplib::Request& req, httplib::Response& res) {
        accept = req.get_header_value("Accept-Encoding");
        res.set_content(xml, "application/xml");  // httplib gzips it when the client accepts gzip
      });
  server.start();
  Transport t(options_for(server));
  Collected got;
  auto r = fetch(t, {Method::kGet, server.url("/api/2.0/fo/asset/host/")}, got);
  ASSERT_TRUE(r);
  EXPECT_NE(accept.find("gzip"), std::string::npos);
  EXPECT_EQ(got.head.header("content-encoding"), "gzip");
  EXPECT_TRUE(got.body == xml);
  EXPECT_EQ(r->body_bytes, xml.size());
  EXPECT_LT(r->wire_bytes * 5, r->body_bytes);
}

TEST(Transport, ReusesTheConnection) {
  LoopbackServer server;
  std::vector<int> ports;
  server.http().Get("/msp/about.php", [&](const httplib::Request& req, httplib::Response& res) {
    ports.push_back(req.remote_port);
    res.set_content("ok", "text/plain");
  });
  server.start();
  Transport t(options_for(server));
  Collected got;
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(fetch(t, {Method::kGet, server.url("/msp/about.php")}, got));
  ASSERT_EQ(ports.size(), 3u);
  EXPECT_EQ(ports[0], ports[1]);
  EXPECT_EQ(ports[1], ports[2]);
}

TEST(Transport, HandlerErrorsAbortTheTransfer) {
  LoopbackServer server;
  server.http().Get("/x/", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(100000, 'x'), "text/plain");
  });
  server.start();
  Transport t(options_for(server));
  auto head_fails = t.perform(
      {Method::kGet, server.url("/x/")},
      [](const ResponseHead&) -> Status { return make_error(ErrorKind::kApi, "head: no"); },
      [](std::string_view) -> Status { return {}; });
  ASSERT_FALSE(head_fails);
  EXPECT_EQ(head_fails.error().cause, Cause::kCallback);
  EXPECT_EQ(head_fails.error().error.message, "head: no");

  int chunks = 0;
  auto body_fails = t.perform(
      {Method::kGet, server.url("/x/")}, [](const ResponseHead&) -> Status { return {}; },
      [&](std::string_view) -> Status {
        ++chunks;
        return make_error(ErrorKind::kMalformed, "parse: bad");
      });
  ASSERT_FALSE(body_fails);
  EXPECT_EQ(body_fails.error().cause, Cause::kCallback);
  EXPECT_EQ(body_fails.error().error.kind, ErrorKind::kMalformed);
  EXPECT_EQ(chunks, 1);
  EXPECT_FALSE(is_transient(body_fails.error()));
}

TEST(Transport, CutChunkedBodyIsTransientTruncation) {
  LoopbackServer server;
  server.http().Get("/cut/", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider(
        "application/octet-stream", [](size_t offset, httplib::DataSink& sink) {
          if (offset > 0) return false;  // drop the connection without the last chunk
          sink.write("<HOST_LIST><HOST>", 17);
          return true;
        });
  });
  server.start();
  Transport t(options_for(server));
  Collected got;
  auto r = fetch(t, {Method::kGet, server.url("/cut/")}, got);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().cause, Cause::kTruncated) << r.error().error.message;
  EXPECT_EQ(r.error().error.kind, ErrorKind::kNetwork);
  EXPECT_TRUE(is_transient(r.error()));
  EXPECT_EQ(got.body, "<HOST_LIST><HOST>");
}

TEST(Transport, ShortContentLengthBodyIsTransientTruncation) {
  LoopbackServer server;
  server.http().Get("/short/", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(1000, "text/xml", [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset > 0) return false;
      sink.write("<A>", 3);
      return true;
    });
  });
  server.start();
  Transport t(options_for(server));
  Collected got;
  auto r = fetch(t, {Method::kGet, server.url("/short/")}, got);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().cause, Cause::kTruncated) << r.error().error.message;
  EXPECT_TRUE(is_transient(r.error()));
}

// Sends one chunk, then nothing until the test ends (or 5 s).
void serve_stalling(LoopbackServer& server, std::atomic<bool>& release) {
  server.http().Get("/stall/", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider(
        "application/octet-stream", [&](size_t offset, httplib::DataSink& sink) {
          if (offset == 0) {  // one byte: libcurl's speed average then drops below 1 B/s at once
            sink.write("<", 1);
            return true;
          }
          for (int i = 0; i < 500 && !release.load(); ++i)
            std::this_thread::sleep_for(10ms);
          return false;
        });
  });
}

TEST(Transport, StallIsDetectedWithoutATotalTimeout) {
  LoopbackServer server;
  std::atomic<bool> release{false};
  serve_stalling(server, release);
  server.start();
  Transport t(options_for(server));  // stall timeout 1 s
  Collected got;
  auto started = std::chrono::steady_clock::now();
  auto r = fetch(t, {Method::kGet, server.url("/stall/")}, got);
  release = true;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().cause, Cause::kStall) << r.error().error.message;
  EXPECT_TRUE(is_transient(r.error()));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3500ms);
}

TEST(Transport, CancelFlagInterrupts) {
  LoopbackServer server;
  std::atomic<bool> release{false};
  serve_stalling(server, release);
  server.start();
  std::atomic<bool> cancel{false};
  auto options = options_for(server);
  options.stall_timeout = 30s;
  options.cancel = &cancel;
  Transport t(options);
  std::thread ctrl_c([&] {
    std::this_thread::sleep_for(200ms);
    cancel = true;
  });
  Collected got;
  auto started = std::chrono::steady_clock::now();
  auto r = fetch(t, {Method::kGet, server.url("/stall/")}, got);
  ctrl_c.join();
  release = true;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error.kind, ErrorKind::kInterrupted);
  EXPECT_EQ(r.error().cause, Cause::kInterrupted);
  EXPECT_FALSE(is_transient(r.error()));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST(Transport, RefusedConnectionIsTransientNetworkError) {
  int port = 0;
  {
    LoopbackServer closed;
    closed.start();
    port = closed.port();
  }
  ConnectionOptions o;
  o.connect_timeout = 2000ms;
  Transport t(o);
  Collected got;
  auto r =
      fetch(t, {Method::kGet, "http://127.0.0.1:" + std::to_string(port) + "/msp/about.php"}, got);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error.kind, ErrorKind::kNetwork);
  EXPECT_EQ(r.error().cause, Cause::kConnect);
  EXPECT_TRUE(is_transient(r.error()));
  EXPECT_NE(r.error().error.message.find("GET http://127.0.0.1:"), std::string::npos);
  EXPECT_FALSE(r.error().error.hint.empty());
}

TEST(Transport, LogsOneRecordPerCallAndCountsPerEndpoint) {
  LoopbackServer server;
  server.http().Get("/api/2.0/fo/scan/", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-RateLimit-Limit", "300");
    res.set_header("X-RateLimit-Window-Sec", "3600");
    res.set_header("X-Concurrency-Limit-Limit", "2");
    res.set_header("X-Concurrency-Limit-Running", "0");
    res.set_header("X-RateLimit-ToWait-Sec", "0");
    res.set_header("X-RateLimit-Remaining", "293");
    res.set_content("12345", "text/plain");
  });
  server.http().Get("/msp/about.php", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content("", "text/plain");
  });
  server.start();
  std::vector<CallRecord> records;
  auto options = options_for(server);
  options.on_call = [&](const CallRecord& r) { records.push_back(r); };
  CallCounters counters;
  Transport t(options, &counters);
  Collected got;
  ASSERT_TRUE(fetch(t, {Method::kGet, server.url("/api/2.0/fo/scan/"), {{"action", "list"}}}, got));
  ASSERT_TRUE(fetch(t, {Method::kGet, server.url("/api/2.0/fo/scan/"), {{"action", "list"}}}, got));
  ASSERT_TRUE(fetch(t, {Method::kGet, server.url("/msp/about.php")}, got));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].method, "GET");
  EXPECT_EQ(records[0].url, server.url("/api/2.0/fo/scan/"));
  EXPECT_EQ(records[0].params, "action=list");
  EXPECT_EQ(records[0].status, 200);
  EXPECT_EQ(records[0].bytes, 5u);
  EXPECT_EQ(records[0].rate.remaining, 293);
  EXPECT_EQ(records[0].rate.concurrency_limit, 2);
  EXPECT_EQ(records[2].bytes, 0u);
  std::string line = format_call(records[0]);
  EXPECT_NE(line.find("GET " + server.url("/api/2.0/fo/scan/") + " [action=list] 200 5B"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("limit=300 window=3600 remaining=293 towait=0 concurrency=2 running=0"),
            std::string::npos)
      << line;
  EXPECT_EQ(counters.snapshot(),
            (std::map<std::string, long>{{"/api/2.0/fo/scan/", 2}, {"/msp/about.php", 1}}));
  EXPECT_EQ(counters.total(), 3);
}

}  // namespace
}  // namespace qvm::net
