// The client on real recorded Qualys responses: each recording is served over loopback HTTP with
// the status Qualys answered it with, and the client must turn it into the right records or the
// right error — exactly as it would against Qualys.
#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "qvm/client.hpp"
#include "support/fixtures.hpp"

namespace qvm {
namespace {

// Serves one recorded body with one status on every path.
class RecordingServer {
 public:
  RecordingServer(std::string body, int status) : body_(std::move(body)), status_(status) {
    auto handler = [this](const httplib::Request&, httplib::Response& res) {
      res.status = status_;
      res.set_content(body_, "application/xml");
    };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~RecordingServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string body_;
  int status_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

Client client_for(const RecordingServer& server) {
  ConnectionOptions c;
  c.base_url = server.url();
  c.credentials = {"user", "pass"};
  c.retry.max_attempts = 1;  // a recording answers the same every time
  return Client(c);
}

std::string recording(const std::string& name) {
  return test::read_file(test::shared_fixture(name));
}

TEST(RecordedResponses, DetectionsFromTheDocumentationSample) {
  QVM_REQUIRE_SHARED_FIXTURES();
  RecordingServer server(recording("host_list_detection_docsample_reformatted_j1.xml"), 200);
  auto client = client_for(server);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> got;
  auto status = client.detections({}, {.detection = [&](const Host& h, const Detection& d) {
                                    got.emplace_back(h.id, d.qid);
                                    return Status{};
                                  }});
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(got, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{
                     {6506432, 38170}, {6506432, 38173}, {6506432, 38601}}));
}

TEST(RecordedResponses, HostIdSetAndEmptyLists) {
  QVM_REQUIRE_SHARED_FIXTURES();
  {
    RecordingServer server(recording("host_list_idset_j1.xml"), 200);
    auto client = client_for(server);
    std::vector<IdRange> ids;
    ASSERT_TRUE(client.hosts({}, {.id = [&](const IdRange& r) {
                               ids.push_back(r);
                               return Status{};
                             }}));
    EXPECT_EQ(ids, (std::vector<IdRange>{{107800671, 107800671}}));
  }
  for (const char* empty : {"host_list_empty_j1.xml", "host_list_empty_newdtd_j1.xml"}) {
    RecordingServer server(recording(empty), 200);
    auto client = client_for(server);
    int hosts = 0;
    ASSERT_TRUE(client.hosts({}, {.host =
                                      [&](const Host&) {
                                        ++hosts;
                                        return Status{};
                                      }}))
        << empty;
    EXPECT_EQ(hosts, 0);
  }
}

TEST(RecordedResponses, KnowledgeBaseWithKeepAliveComments) {
  QVM_REQUIRE_SHARED_FIXTURES();
  RecordingServer server(recording("kb_vuln_list_tinykb_skyleach.xml"), 200);
  auto client = client_for(server);
  std::vector<std::uint64_t> qids;
  KnowledgeBaseQuery query;
  query.ids = {{1, 100000}};
  ASSERT_TRUE(client.knowledge_base(query, {.vuln = [&](const Vuln& v) {
                                      qids.push_back(v.qid);
                                      return Status{};
                                    }}));
  ASSERT_FALSE(qids.empty());
  EXPECT_EQ(qids.front(), 6u);
}

TEST(RecordedResponses, ScansAndHostAssets) {
  QVM_REQUIRE_SHARED_FIXTURES();
  {
    RecordingServer server(recording("scan_list_ruby.xml"), 200);
    auto client = client_for(server);
    std::vector<std::string> refs;
    ASSERT_TRUE(client.scans({}, [&](const Scan& s) {
      refs.push_back(s.ref);
      return Status{};
    }));
    ASSERT_EQ(refs.size(), 5u);
    EXPECT_EQ(refs[0], "scan/1512633905.79357");
  }
  {
    RecordingServer server(recording("qps_hostasset_ec2_fixture_j1.xml"), 200);
    auto client = client_for(server);
    std::vector<std::uint64_t> ids;
    ASSERT_TRUE(client.host_assets({}, [&](const HostAsset& a) {
      ids.push_back(a.id);
      return Status{};
    }));
    EXPECT_EQ(ids.front(), 709837u);
  }
}

struct ErrorCase {
  const char* file;
  int status;
  ErrorKind kind;
  int code;
  const char* text;
};

class RecordedErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(RecordedErrors, BecomeTheRightError) {
  QVM_REQUIRE_SHARED_FIXTURES();
  const ErrorCase& c = GetParam();
  RecordingServer server(recording(c.file), c.status);
  auto client = client_for(server);
  auto status = client.detections({}, {});
  ASSERT_FALSE(status) << c.file;
  EXPECT_EQ(status.error().kind, c.kind) << status.error().message;
  EXPECT_EQ(status.error().qualys_code, c.code);
  EXPECT_NE(status.error().message.find(c.text), std::string::npos) << status.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Recordings, RecordedErrors,
    ::testing::Values(ErrorCase{"simple_return_2000_bad_login_http401_ruby.xml", 401,
                                ErrorKind::kAuth, 2000, "Bad Login/Password"},
                      ErrorCase{"simple_return_2001_account_expired_http200_j1.xml", 200,
                                ErrorKind::kAuth, 2001, "This account has expired."},
                      ErrorCase{"simple_return_1905_hld_bad_ids_http400_j1.xml", 400,
                                ErrorKind::kApi, 1905, "parameter ids has invalid value"},
                      ErrorCase{"simple_return_1903_missing_action_http400_ruby.xml", 400,
                                ErrorKind::kApi, 1903, "Missing required parameter(s): action"},
                      ErrorCase{"simple_return_7001_report_fetch_ruby.xml", 200, ErrorKind::kApi,
                                7001, "Report cannot be fetched."},
                      ErrorCase{"http_301_missing_trailing_slash_ruby.html", 301, ErrorKind::kApi,
                                0, "redirected"}));

TEST(RecordedResponses, QpsErrorsInHttp200) {
  QVM_REQUIRE_SHARED_FIXTURES();
  {
    RecordingServer server(recording("qps_invalid_credentials_j1.xml"), 200);
    auto client = client_for(server);
    auto status = client.host_assets({}, nullptr);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().kind, ErrorKind::kAuth);
    EXPECT_NE(status.error().message.find("INVALID_CREDENTIALS"), std::string::npos);
  }
  {
    RecordingServer server(recording("qps_hostasset_invalid_request_j1.xml"), 200);
    auto client = client_for(server);
    auto status = client.host_assets({}, nullptr);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().kind, ErrorKind::kApi);
    EXPECT_NE(status.error().message.find("INVALID_REQUEST"), std::string::npos);
  }
}

}  // namespace
}  // namespace qvm
