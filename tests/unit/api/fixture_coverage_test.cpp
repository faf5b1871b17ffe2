// Each shared recording, in one table: which parser reads it and what comes out (record count
// or error). A recording added to ../shared without a row here fails, so none goes untested.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "parse_any.hpp"
#include "support/fixtures.hpp"

namespace qvm::test {
namespace {

struct Expected {
  Expected(size_t r, std::optional<ErrorKind> e = std::nullopt, int code = 0)
      : records(r), error(e), qualys_code(code) {}
  size_t records;                  // hosts + ids + detections + vulns + scans + assets
  std::optional<ErrorKind> error;  // set when the body is an error document
  int qualys_code;
};

const std::map<std::string, Expected>& expectations() {
  static const std::map<std::string, Expected> table = {
      {"host_list_detection_docsample_reformatted_j1.xml", {3}},
      {"host_list_detection_empty_j1.xml", {0}},
      {"host_list_empty_j1.xml", {0}},
      {"host_list_empty_newdtd_j1.xml", {0}},
      {"host_list_idset_j1.xml", {1}},
      {"kb_vuln_empty_j1.xml", {0}},
      {"kb_vuln_list_tinykb_skyleach.xml", {5}},
      {"kb_vuln_single_keepalive_j1.xml", {1}},
      {"qps_hostasset_ec2_fixture_j1.xml", {2}},
      {"qps_hostasset_invalid_request_j1.xml", {0, ErrorKind::kApi}},
      {"qps_hostasset_list_docsample_j1.xml", {2}},
      {"qps_hostasset_search_nomatch_j1.xml", {0}},
      {"qps_invalid_credentials_j1.xml", {0, ErrorKind::kAuth}},
      {"scan_list_empty_ruby.xml", {0}},
      {"scan_list_ruby.xml", {5}},
      {"session_login_ruby.xml", {0}},
      {"session_logout_ruby.xml", {0}},
      {"simple_return_1903_missing_action_http400_ruby.xml", {0, ErrorKind::kApi, 1903}},
      {"simple_return_1905_hld_bad_ids_http400_j1.xml", {0, ErrorKind::kApi, 1905}},
      {"simple_return_1905_kb_bad_ids_http400_j1.xml", {0, ErrorKind::kApi, 1905}},
      {"simple_return_2000_bad_login_http401_ruby.xml", {0, ErrorKind::kAuth, 2000}},
      {"simple_return_2001_account_expired_http200_j1.xml", {0, ErrorKind::kAuth, 2001}},
      {"simple_return_7001_report_fetch_ruby.xml", {0, ErrorKind::kApi, 7001}},
  };
  return table;
}

TEST(SharedFixtures, EveryXmlRecordingHasItsExpectedOutcome) {
  QVM_REQUIRE_SHARED_FIXTURES();
  size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(shared_fixture(""))) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".xml")) continue;
    auto it = expectations().find(name);
    ASSERT_NE(it, expectations().end()) << name << " has no expected outcome in this test";
    const Expected& want = it->second;
    Outcome out = parse_as(doc_for_fixture(name), read_file(entry.path()));
    size_t records = out.hosts.size() + out.ids.size() + out.detections.size() + out.vulns.size() +
                     out.scans.size() + out.assets.size();
    EXPECT_EQ(records, want.records) << name;
    if (want.error) {
      ASSERT_FALSE(out.ok()) << name;
      EXPECT_EQ(out.error->kind, *want.error) << name << ": " << out.error->message;
      EXPECT_EQ(out.error->qualys_code, want.qualys_code) << name;
    } else {
      EXPECT_TRUE(out.ok()) << name << ": " << (out.error ? out.error->message : "");
    }
    ++checked;
  }
  EXPECT_EQ(checked, expectations().size()) << "a recording listed here is missing from ../shared";
}

}  // namespace
}  // namespace qvm::test
