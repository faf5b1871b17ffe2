// HTTPS on loopback with a certificate made in the test: verified with --cacert, refused
// without it, accepted with --insecure and a warning on every call.
#include <gtest/gtest.h>

#include "loopback_server.hpp"
#include "net/transport.hpp"

namespace qvm::net {
namespace {

using namespace std::chrono_literals;

class Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    cert_ = test::make_self_signed_certificate(dir_.path());
    server_ = std::make_unique<test::LoopbackServer>(cert_);
    server_->http().Get("/msp/about.php", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<ABOUT/>", "text/xml");
    });
    server_->start();
  }

  std::expected<TransferResult, Failure> get(const ConnectionOptions& options, std::string& body) {
    Transport t(options);
    return t.perform({Method::kGet, server_->url("/msp/about.php")}, {},
                     [&](std::string_view chunk) -> Status {
                       body.append(chunk);
                       return {};
                     });
  }

  ConnectionOptions base() const {
    ConnectionOptions o;
    o.connect_timeout = 3000ms;
    return o;
  }

  test::TempDir dir_;
  test::TestCertificate cert_;
  std::unique_ptr<test::LoopbackServer> server_;
};

TEST_F(Tls, VerifiesWithTheGivenCaFile) {
  auto o = base();
  o.tls.ca_file = cert_.cert.string();
  std::string body;
  auto r = get(o, body);
  ASSERT_TRUE(r) << r.error().error.message;
  EXPECT_EQ(body, "<ABOUT/>");
}

TEST_F(Tls, RefusesAnUnknownCertificateAndSaysWhatToDo) {
  // A CA bundle that does not hold the server's certificate.
  auto other_dir = dir_.path() / "other";
  std::filesystem::create_directories(other_dir);
  auto other = test::make_self_signed_certificate(other_dir);
  auto o = base();
  o.tls.ca_file = other.cert.string();
  std::string body;
  auto r = get(o, body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().cause, Cause::kTls) << r.error().error.message;
  EXPECT_EQ(r.error().error.kind, ErrorKind::kNetwork);
  EXPECT_FALSE(is_transient(r.error()));
  EXPECT_NE(r.error().error.message.find("certificate verification failed"), std::string::npos)
      << r.error().error.message;
  EXPECT_NE(r.error().error.hint.find("--cacert FILE"), std::string::npos);
  EXPECT_NE(r.error().error.hint.find("--insecure"), std::string::npos);
  EXPECT_TRUE(body.empty());
}

TEST_F(Tls, InsecureConnectsAndWarnsOnEveryCall) {
  auto o = base();
  o.tls.insecure = true;
  std::vector<std::string> warnings;
  o.on_warning = [&](std::string_view w) { warnings.emplace_back(w); };
  Transport t(o);
  for (int i = 0; i < 2; ++i) {
    auto r = t.perform({Method::kGet, server_->url("/msp/about.php")}, {}, {});
    ASSERT_TRUE(r) << r.error().error.message;
  }
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("--insecure"), std::string::npos);
}

}  // namespace
}  // namespace qvm::net
