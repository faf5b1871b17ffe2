// Auth, sessions, Qualys error documents and the Apache front end's answers, as recorded.
#include "sim_harness.hpp"

namespace qvm::sim::test {
namespace {

class Protocol : public SimTest {};

TEST_F(Protocol, BadCredentialsAre401With2000) {
  start();
  auto res =
      get("/api/2.0/fo/scan/?action=list",
          {httplib::make_basic_authentication_header("demo", "wrong"), {"X-Requested-With", "t"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_TRUE(res->body.starts_with(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<!DOCTYPE SIMPLE_RETURN"));
  auto doc = parse_xml(res->body);
  EXPECT_EQ(doc.root.at("RESPONSE/CODE"), "2000");
  EXPECT_EQ(doc.root.at("RESPONSE/TEXT"), "Bad Login/Password");
  EXPECT_FALSE(res->has_header("X-RateLimit-Limit"));
}

TEST_F(Protocol, ExpiredAccountIsHttp200With2001) {
  auto o = test_options();
  o.users.emplace_back("old", "pw");
  o.expired_users = {"old"};
  start(o);
  auto res = get("/api/2.0/fo/asset/host/?action=list", auth_headers("old", "pw"));
  EXPECT_EQ(res->status, 200);
  auto doc = parse_xml(res->body);
  EXPECT_EQ(doc.root.at("RESPONSE/CODE"), "2001");
  EXPECT_EQ(doc.root.at("RESPONSE/TEXT"), "This account has expired.");
}

TEST_F(Protocol, ParameterErrorsAre400WithoutXmlDeclaration) {
  start();
  auto missing = get("/api/2.0/fo/asset/host/");
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(parse_xml(missing->body).root.at("RESPONSE/CODE"), "1903");
  EXPECT_EQ(parse_xml(missing->body).root.at("RESPONSE/TEXT"),
            "Missing required parameter(s): action");
  auto unknown = get("/api/2.0/fo/asset/host/vm/detection/?action=list&bogus=1&other=2");
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(parse_xml(unknown->body).root.at("RESPONSE/TEXT"),
            "Unrecognized parameter(s): bogus, other");
  EXPECT_EQ(parse_xml(unknown->body).root.at("RESPONSE/CODE"), "1901");
  auto bad = post_form("/api/2.0/fo/knowledge_base/vuln/", "action=list&ids=abc123");
  EXPECT_EQ(bad->status, 400);
  EXPECT_TRUE(bad->body.starts_with(
      "<!DOCTYPE SIMPLE_RETURN SYSTEM "
      "\"https://qualysapi.qg3.apps.qualys.com/api/2.0/simple_return.dtd\">"));
  EXPECT_EQ(
      parse_xml(bad->body).root.at("RESPONSE/TEXT"),
      "parameter ids has invalid value: abc123 (neither a positive integer nor a range: abc123)");
  EXPECT_EQ(bad->get_header_value("Connection"), "close");
  EXPECT_TRUE(bad->has_header("X-RateLimit-Remaining"));
  auto date = get("/api/2.0/fo/asset/host/?action=list&vm_processed_after=yesterday");
  EXPECT_EQ(parse_xml(date->body).root.at("RESPONSE/TEXT"),
            "parameter vm_processed_after has invalid value: yesterday");
}

TEST_F(Protocol, MissingTrailingSlashIsApache301) {
  start();
  auto res = get("/api/2.0/fo/scan");
  EXPECT_EQ(res->status, 301);
  EXPECT_EQ(res->get_header_value("Location"), base_ + "/api/2.0/fo/scan/");
  EXPECT_NE(res->body.find("<title>301 Moved Permanently</title>"), std::string::npos);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=iso-8859-1");
}

TEST_F(Protocol, LongGetIs414ButPostWorks) {
  start();
  std::string ids;
  for (int i = 0; i < 1500; ++i)
    ids += std::to_string(1000000 + i) + ",";
  ids.pop_back();
  // Past httplib's own request-line limit (8192) and past the configured one (8000).
  for (auto n : {12000, 8100}) {
    auto raw = raw_exchange(sim_->port(), "GET /api/2.0/fo/asset/host/?action=list&ids=" +
                                              ids.substr(0, static_cast<size_t>(n)) +
                                              " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 414 ")) << raw.substr(0, 200);
    EXPECT_EQ(raw.find("Connection: close\r\nConnection"), std::string::npos);
    EXPECT_NE(raw.find("<title>414 Request-URI Too Long</title>"), std::string::npos);
  }
  auto post = post_form("/api/2.0/fo/asset/host/", "action=list&details=None&ids=" + ids);
  EXPECT_EQ(post->status, 200);
  EXPECT_TRUE(parse_xml(post->body).ok);
}

TEST_F(Protocol, RequestedWithRequiredOrIgnored) {
  start();
  auto res = get("/api/2.0/fo/asset/host/?action=list",
                 {httplib::make_basic_authentication_header("demo", "demo")});
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(parse_xml(res->body).root.at("RESPONSE/CODE"), "1903");
  auto about = get("/msp/about.php", {httplib::make_basic_authentication_header("demo", "demo")});
  EXPECT_EQ(about->status, 200);
  TearDown();
  auto o = test_options();
  o.requested_with.required = false;
  start(o);
  auto ok = get("/api/2.0/fo/asset/host/?action=list",
                {httplib::make_basic_authentication_header("demo", "demo")});
  EXPECT_EQ(ok->status, 200);
}

TEST_F(Protocol, SessionLoginCookieLogout) {
  start();
  httplib::Headers xrw{{"X-Requested-With", "t"}};
  auto login = post_form("/api/2.0/fo/session/", "action=login&username=demo&password=demo", xrw);
  ASSERT_EQ(login->status, 200);
  EXPECT_EQ(parse_xml(login->body).root.at("RESPONSE/TEXT"), "Logged in");
  EXPECT_FALSE(parse_xml(login->body).root.find("RESPONSE/CODE"));
  auto cookie = login->get_header_value("Set-Cookie");
  ASSERT_TRUE(cookie.starts_with("QualysSession=")) << cookie;
  EXPECT_TRUE(cookie.ends_with("; path=/api; secure"));
  EXPECT_EQ(cookie.find(';') - 14, 32u);
  EXPECT_FALSE(login->has_header("X-RateLimit-Limit"));
  EXPECT_EQ(login->get_header_value("Pragma"), "no-cache");
  const auto session = cookie.substr(0, cookie.find(';'));
  auto list =
      get("/api/2.0/fo/scan/?action=list", {{"Cookie", session}, {"X-Requested-With", "t"}});
  EXPECT_EQ(list->status, 200);
  auto logout = post_form("/api/2.0/fo/session/", "action=logout",
                          {{"Cookie", session}, {"X-Requested-With", "t"}});
  EXPECT_EQ(parse_xml(logout->body).root.at("RESPONSE/TEXT"), "Logged out");
  auto after =
      get("/api/2.0/fo/scan/?action=list", {{"Cookie", session}, {"X-Requested-With", "t"}});
  EXPECT_EQ(after->status, 401);
  auto bad = post_form("/api/2.0/fo/session/", "action=login&username=demo&password=nope", xrw);
  EXPECT_EQ(bad->status, 401);
}

TEST_F(Protocol, AboutAndScanList) {
  start();
  auto about = get("/msp/about.php");
  auto doc = parse_xml(about->body);
  ASSERT_TRUE(doc.ok) << doc.error;
  EXPECT_EQ(doc.root.name, "ABOUT");
  EXPECT_EQ(doc.root.find("API-VERSION")->attributes.at("MAJOR"), "1");
  EXPECT_TRUE(about->has_header("X-RateLimit-Limit"));
  auto scans = get("/api/2.0/fo/scan/?action=list");
  auto sdoc = parse_xml(scans->body);
  ASSERT_TRUE(sdoc.ok);
  auto list = sdoc.root.find("RESPONSE/SCAN_LIST")->all("SCAN");
  EXPECT_GE(list.size(), 30u);
  EXPECT_EQ(child_names(*list[0]).front(), "REF");
  auto finished = get("/api/2.0/fo/scan/?action=list&state=Finished");
  auto fdoc = parse_xml(finished->body);
  ASSERT_TRUE(fdoc.ok);
  for (const auto* s : fdoc.root.find("RESPONSE/SCAN_LIST")->all("SCAN")) {
    EXPECT_EQ(s->at("STATUS/STATE"), "Finished");
  }
}

TEST_F(Protocol, HeadersInRecordedOrder) {
  start();
  auto raw =
      raw_exchange(sim_->port(),
                   "GET /api/2.0/fo/asset/host/?action=list&details=None HTTP/1.1\r\nHost: x\r\n"
                   "Authorization: Basic ZGVtbzpkZW1v\r\nX-Requested-With: t\r\n"
                   "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n");
  auto head = raw.substr(0, raw.find("\r\n\r\n"));
  std::vector<std::string> names;
  size_t pos = head.find("\r\n") + 2;
  while (pos < head.size()) {
    auto end = head.find("\r\n", pos);
    auto line = head.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    names.push_back(line.substr(0, line.find(':')));
    if (end == std::string::npos) break;
    pos = end + 2;
  }
  const std::vector<std::string> expected{"Date",
                                          "Server",
                                          "Strict-Transport-Security",
                                          "X-Xss-Protection",
                                          "X-Content-Type-Options",
                                          "X-Frame-Options",
                                          "X-RateLimit-Limit",
                                          "X-RateLimit-Window-Sec",
                                          "X-Concurrency-Limit-Limit",
                                          "X-Concurrency-Limit-Running",
                                          "X-RateLimit-ToWait-Sec",
                                          "X-RateLimit-Remaining",
                                          "Connection",
                                          "Transfer-Encoding",
                                          "Content-Type"};
  EXPECT_EQ(names, expected) << head;
  EXPECT_NE(raw.find("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>"),
            std::string::npos);  // not gzipped
}

}  // namespace
}  // namespace qvm::sim::test
