// SCAN_LIST_OUTPUT against the real EU-platform recordings, and the nested groups of the DTD.
#include <gtest/gtest.h>

#include "parse_any.hpp"
#include "support/fixtures.hpp"

namespace qvm::test {
namespace {

Scan on_demand(std::string ref, std::string title, std::string launched, std::string duration,
               std::string priority, std::string state, std::string target) {
  Scan s;
  s.ref = std::move(ref);
  s.type = "On-Demand";
  s.title = std::move(title);
  s.user_login = "Thomas";
  s.launch_datetime = ts(launched);
  s.duration = std::move(duration);
  s.processing_priority = std::move(priority);
  s.processed = true;
  s.status_state = std::move(state);
  s.target = std::move(target);
  return s;
}

TEST(ScanListParser, FiveScans) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_as(Doc::kScanList, read_file(shared_fixture("scan_list_ruby.xml")));
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2017-12-11T08:49:57Z"));
  const std::vector<Scan> expected = {
      on_demand("scan/1512633905.79357", "shellshock 20171207", "2017-12-07T08:05:05Z", "00:01:43",
                "0 - No Priority", "Error", "47.69.112.62"),
      on_demand("scan/1512633883.79354", "shellshock 20171207", "2017-12-07T08:04:43Z", "00:07:02",
                "0 - No Priority", "Finished", "47.69.112.62"),
      on_demand("scan/1512633720.79248", "shellshock", "2017-12-07T08:01:59Z", "00:00:06",
                "0 - No Priority", "Error", "47.69.112.62"),
      on_demand("scan/1512469561.67379", "test_vuln", "2017-12-05T10:26:01Z", "00:04:48",
                "1 - Emergency", "Finished", "192.168.1.100"),
      on_demand("scan/1512466786.67046", "test", "2017-12-05T09:39:46Z", "00:07:56",
                "0 - No Priority", "Finished", "88.78.187.177"),
  };
  EXPECT_EQ(out.scans, expected);
  EXPECT_EQ(out.scans[0].id, std::nullopt);
  EXPECT_EQ(out.scans[0].status_sub_state, std::nullopt);
}

TEST(ScanListParser, EmptyList) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_as(Doc::kScanList, read_file(shared_fixture("scan_list_empty_ruby.xml")));
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2017-12-11T08:49:57Z"));
  EXPECT_TRUE(out.scans.empty());
}

TEST(ScanListParser, MissingActionErrorBody) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out =
      parse_as(Doc::kScanList,
               read_file(shared_fixture("simple_return_1903_missing_action_http400_ruby.xml")));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kApi);
  EXPECT_EQ(out.error->qualys_code, 1903);
  EXPECT_EQ(out.error->message, "Qualys 1903: Missing required parameter(s): action");
}

TEST(ScanListParser, NestedGroups) {
  Outcome out = parse_as(Doc::kScanList,
                         R"(<SCAN_LIST_OUTPUT><RESPONSE><DATETIME>2024-01-31T12:00:00Z</DATETIME>
<SCAN_LIST><SCAN><ID>42</ID><REF>scan/1.2</REF><SCAN_TYPE>CertView</SCAN_TYPE><TYPE>API</TYPE><TITLE><![CDATA[t]]></TITLE>
<CLIENT><ID>7</ID><NAME>Acme</NAME></CLIENT><USER_LOGIN>u</USER_LOGIN><LAUNCH_DATETIME>2024-01-30T00:00:00Z</LAUNCH_DATETIME>
<DURATION>Pending</DURATION><PROCESSED>0</PROCESSED><STATUS><STATE>Finished</STATE><SUB_STATE>No_Host</SUB_STATE></STATUS>
<ASSET_GROUP_TITLE_LIST><ASSET_GROUP_TITLE><![CDATA[AG 1]]></ASSET_GROUP_TITLE><ASSET_GROUP_TITLE><![CDATA[AG 2]]></ASSET_GROUP_TITLE></ASSET_GROUP_TITLE_LIST>
<OPTION_PROFILE><TITLE><![CDATA[Initial Options]]></TITLE><DEFAULT_FLAG>1</DEFAULT_FLAG></OPTION_PROFILE>
</SCAN></SCAN_LIST></RESPONSE></SCAN_LIST_OUTPUT>)");
  ASSERT_TRUE(out.ok()) << out.error->message;
  ASSERT_EQ(out.scans.size(), 1u);
  const Scan& s = out.scans[0];
  EXPECT_EQ(s.id, "42");
  EXPECT_EQ(s.scan_type, "CertView");
  EXPECT_EQ(s.type, "API");
  EXPECT_EQ(s.client_id, "7");
  EXPECT_EQ(s.client_name, "Acme");
  EXPECT_EQ(s.duration, "Pending");
  EXPECT_EQ(s.processed, false);
  EXPECT_EQ(s.status_state, "Finished");
  EXPECT_EQ(s.status_sub_state, "No_Host");
  EXPECT_EQ(s.asset_group_title_list, (std::vector<std::string>{"AG 1", "AG 2"}));
  EXPECT_EQ(s.option_profile_title, "Initial Options");
  EXPECT_EQ(s.option_profile_default_flag, true);
  EXPECT_EQ(s.title, "t");  // SCAN/TITLE, not OPTION_PROFILE/TITLE
}

}  // namespace
}  // namespace qvm::test
