// Secrets never leave: a run with basic auth, session login, a session cookie, failures of every
// kind and TLS refusal; every call record, warning, error message and hint is captured and
// searched for the password, its base64 form and the session id.
#include <gtest/gtest.h>

#include "loopback_server.hpp"
#include "net/rate_governor.hpp"
#include "net/retry_policy.hpp"
#include "net/transport.hpp"
#include "support/fixtures.hpp"

namespace qvm::net {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPassword = "Pa55-w0rd-S3CRET";
constexpr const char* kUser = "acme_ab";
constexpr const char* kCookie = "71e6cda2a35d2cd404cddaf305ea0208";

TEST(Secrets, NeverAppearInLogsOrErrors) {
  test::TempDir dir;
  auto cert = test::make_self_signed_certificate(dir.path());
  test::LoopbackServer tls_server(cert);
  tls_server.http().Get("/msp/about.php", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<ABOUT/>", "text/xml");
  });
  tls_server.start();

  test::LoopbackServer server;
  server.http().Post("/api/2.0/fo/session/", [](const httplib::Request& req,
                                                httplib::Response& res) {
    if (req.get_param_value("action") == "login") {
      res.set_header("Set-Cookie", std::string("QualysSession=") + kCookie + "; path=/api; secure");
    }
    res.set_content("<SIMPLE_RETURN/>", "text/xml");
  });
  server.http().Get("/api/2.0/fo/scan/", [](const httplib::Request& req, httplib::Response& res) {
    res.status = req.has_header("Cookie") ? 409 : 401;
    res.set_content("<SIMPLE_RETURN/>", "text/xml");
  });
  server.http().Get("/cut/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(100, "application/octet-stream",
                             [](size_t offset, size_t, httplib::DataSink& sink) {
                               if (offset) return false;
                               sink.write("x", 1);
                               return true;
                             });
  });
  server.start();

  std::string captured;
  ConnectionOptions o;
  o.credentials = {kUser, kPassword};
  o.connect_timeout = 2000ms;
  o.on_call = [&](const CallRecord& r) { captured += format_call(r) + '\n'; };
  o.on_warning = [&](std::string_view w) { captured += std::string(w) + '\n'; };
  auto keep = [&](const Error& e) { captured += e.message + '\n' + e.hint + '\n'; };

  Transport t(o);
  std::string set_cookie;
  auto login = t.perform({Method::kPost,
                          server.url("/api/2.0/fo/session/"),
                          {{"action", "login"}, {"username", kUser}, {"password", kPassword}}},
                         [&](const ResponseHead& h) -> Status {
                           set_cookie = std::string(h.header("set-cookie").value_or(""));
                           return {};
                         },
                         {});
  ASSERT_TRUE(login);
  ASSERT_NE(set_cookie.find(kCookie), std::string::npos);  // the secret did travel
  auto basic = t.perform({Method::kGet, server.url("/api/2.0/fo/scan/")}, {}, {});
  ASSERT_TRUE(basic);
  EXPECT_EQ(basic->status, 401);
  keep(http_status_failure(basic->status, "GET /api/2.0/fo/scan/").error);

  t.set_session_cookie(kCookie);
  auto with_cookie = t.perform({Method::kGet,
                                server.url("/api/2.0/fo/scan/"),
                                {{"action", "list"}, {"password", kPassword}}},
                               {}, {});
  ASSERT_TRUE(with_cookie);
  EXPECT_EQ(with_cookie->status, 409);
  auto cut = t.perform({Method::kGet, server.url("/cut/")}, {}, {});
  ASSERT_FALSE(cut);
  keep(cut.error().error);
  RetryPolicy retry(RetryOptions{});
  if (auto d = retry.next_delay(99, cut.error()); !d) keep(d.error());
  auto failing_handler = t.perform(
      {Method::kGet, server.url("/api/2.0/fo/scan/")},
      [](const ResponseHead&) -> Status { return make_error(ErrorKind::kApi, "head refused"); },
      {});
  ASSERT_FALSE(failing_handler);
  keep(failing_handler.error().error);
  auto logout = t.perform(
      {Method::kPost, server.url("/api/2.0/fo/session/"), {{"action", "logout"}}}, {}, {});
  ASSERT_TRUE(logout);

  ConnectionOptions tls = o;
  Transport refused(tls);
  auto r = refused.perform({Method::kGet, tls_server.url("/msp/about.php")}, {}, {});
  ASSERT_FALSE(r);
  keep(r.error().error);
  tls.tls.insecure = true;
  Transport insecure(tls);
  ASSERT_TRUE(insecure.perform({Method::kGet, tls_server.url("/msp/about.php")}, {}, {}));

  GovernorOptions g;
  g.server = server.url("");
  g.user = kUser;
  g.cache_dir = dir.path() / "cache";
  RateGovernor governor(g);
  { ASSERT_TRUE(governor.acquire("/api/2.0/fo/scan/")); }
  for (auto& entry : std::filesystem::directory_iterator(g.cache_dir)) {
    captured += entry.path().string() + '\n';
    captured += test::read_file(entry.path()) + '\n';
  }

  ASSERT_GE(std::count(captured.begin(), captured.end(), '\n'), 10);
  EXPECT_EQ(captured.find(kPassword), std::string::npos) << captured;
  EXPECT_EQ(captured.find(kCookie), std::string::npos) << captured;
  EXPECT_EQ(captured.find("YWNtZV9hYjpQYTU1LXcwcmQtUzNDUkVU"), std::string::npos);  // base64
  EXPECT_EQ(captured.find("Authorization"), std::string::npos);
  EXPECT_NE(captured.find("action=login&username=***&password=***"), std::string::npos) << captured;
}

}  // namespace
}  // namespace qvm::net
