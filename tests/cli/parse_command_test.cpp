// `qvm parse` end to end: the real binary on real recorded responses.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "support/fixtures.hpp"
#include "support/process.hpp"

namespace qvm {
namespace {

using test::project_binary;
using test::run_process;
using test::shared_fixture;

test::ProcessResult qvm(std::vector<std::string> args, const std::string& input = {}) {
  args.insert(args.begin(), project_binary("qvm"));
  return run_process(args, input);
}

std::vector<nlohmann::json> ndjson_lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    out.push_back(nlohmann::json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

TEST(ParseCommand, DetectionsAsNdjsonCarryHostIdentityAndExactResults) {
  QVM_REQUIRE_SHARED_FIXTURES();
  auto r = qvm({"parse", shared_fixture("host_list_detection_docsample_reformatted_j1.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = ndjson_lines(r.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["host_id"], 6506432);
  EXPECT_EQ(rows[0]["ip"], "10.10.10.11");
  EXPECT_EQ(rows[0]["qid"], 38170);
  EXPECT_EQ(rows[0]["type"], "Confirmed");
  EXPECT_EQ(rows[0]["severity"], 2);
  EXPECT_EQ(rows[0]["port"], 3389);
  EXPECT_EQ(rows[0]["protocol"], "tcp");
  EXPECT_EQ(rows[0]["ssl"], true);
  EXPECT_EQ(rows[0]["results"],
            "Certificate #0 CN=2k8r2-u-10-11(2k8r2-u-10-11) doesn&apos;tresolve");
  EXPECT_EQ(rows[0]["first_found_datetime"], "2018-01-26T04:45:50Z");
  EXPECT_EQ(rows[0]["times_found"], 111);
  EXPECT_EQ(rows[0]["is_ignored"], false);
  EXPECT_EQ(rows[1]["qid"], 38173);
  EXPECT_EQ(rows[1]["results"],
            "Certificate #0 CN=2k8r2-u-10-11\nunable to get local\nissuer certificate");
  EXPECT_EQ(rows[2]["qid"], 38601);
  EXPECT_TRUE(rows[2]["unique_vuln_id"].is_null());
}

TEST(ParseCommand, CsvHasHeaderAndQuotedMultilineResults) {
  QVM_REQUIRE_SHARED_FIXTURES();
  auto r = qvm({"parse", "--format", "csv", "--decode-entities",
                shared_fixture("host_list_detection_docsample_reformatted_j1.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("\r\n")),
            "host_id,ip,unique_vuln_id,qid,type,severity,port,protocol,fqdn,ssl,instance,results,"
            "status,first_found_datetime,last_found_datetime,qds,qds_severity,qds_factors,"
            "times_found,last_test_datetime,last_update_datetime,last_fixed_datetime,"
            "first_reopened_datetime,last_reopened_datetime,times_reopened,service,is_ignored,"
            "is_disabled,affect_running_kernel,affect_running_service,affect_exploitable_config,"
            "last_processed_datetime,asset_cve");
  EXPECT_NE(r.out.find("6506432,10.10.10.11,,38170,Confirmed,2,3389,tcp,,1,,"
                       "Certificate #0 CN=2k8r2-u-10-11(2k8r2-u-10-11) doesn'tresolve,Active,"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"Certificate #0 CN=2k8r2-u-10-11\nunable to get local\nissuer "
                       "certificate\""),
            std::string::npos);
}

TEST(ParseCommand, JsonFromStdinIsOneValidDocument) {
  QVM_REQUIRE_SHARED_FIXTURES();
  std::string body = test::read_file(shared_fixture("scan_list_ruby.xml"));
  auto r = qvm({"parse", "-", "--format", "json"}, body);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc.size(), 5u);
  EXPECT_EQ(doc[0]["ref"], "scan/1512633905.79357");
  EXPECT_EQ(doc[0]["title"], "shellshock 20171207");
  EXPECT_EQ(doc[0]["duration"], "00:01:43");
  EXPECT_EQ(doc[0]["status_state"], "Error");
  EXPECT_EQ(doc[0]["launch_datetime"], "2017-12-07T08:05:05Z");
}

TEST(ParseCommand, ManyPagesOfOneKindBecomeOneOutput) {
  QVM_REQUIRE_SHARED_FIXTURES();
  std::string page = shared_fixture("host_list_detection_docsample_reformatted_j1.xml");
  std::string empty = shared_fixture("host_list_detection_empty_j1.xml");
  auto r = qvm({"parse", "--format", "json", page, empty, page});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 6u);
}

TEST(ParseCommand, EmptyResponseGivesAnEmptyDocument) {
  QVM_REQUIRE_SHARED_FIXTURES();
  auto r = qvm({"parse", "--format", "json", shared_fixture("kb_vuln_empty_j1.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[]\n");
}

TEST(ParseCommand, QualysErrorDocumentsExitWithTheirCategory) {
  QVM_REQUIRE_SHARED_FIXTURES();
  auto login = qvm({"parse", shared_fixture("simple_return_2000_bad_login_http401_ruby.xml")});
  EXPECT_EQ(login.exit_code, 3);
  EXPECT_NE(login.err.find("qvm: error: Qualys 2000: Bad Login/Password"), std::string::npos)
      << login.err;
  EXPECT_NE(login.err.find("hint: check the user name, the password and the platform URL"),
            std::string::npos);
  EXPECT_EQ(login.out, "");

  auto bad_ids = qvm({"parse", shared_fixture("simple_return_1905_kb_bad_ids_http400_j1.xml")});
  EXPECT_EQ(bad_ids.exit_code, 4);
  EXPECT_NE(bad_ids.err.find("Qualys 1905: parameter ids has invalid value"), std::string::npos)
      << bad_ids.err;

  auto expired =
      qvm({"parse", shared_fixture("simple_return_2001_account_expired_http200_j1.xml")});
  EXPECT_EQ(expired.exit_code, 3);
  EXPECT_NE(expired.err.find("Qualys 2001: This account has expired."), std::string::npos);

  auto qps = qvm({"parse", shared_fixture("qps_invalid_credentials_j1.xml")});
  EXPECT_EQ(qps.exit_code, 3);
  EXPECT_NE(qps.err.find("INVALID_CREDENTIALS"), std::string::npos) << qps.err;
}

TEST(ParseCommand, TruncatedFileFailsAndLeavesNoOutputFile) {
  QVM_REQUIRE_SHARED_FIXTURES();
  std::string body =
      test::read_file(shared_fixture("host_list_detection_docsample_reformatted_j1.xml"));
  auto dir = std::filesystem::temp_directory_path() / ("qvm-parse-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto input = dir / "cut.xml";
  std::ofstream(input) << body.substr(0, body.size() / 2);
  auto output = dir / "out.json";

  auto r = qvm({"parse", input.string(), "--format", "json", "-o", output.string()});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_NE(r.err.find("qvm: error: " + input.string() + ": malformed XML"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(output));
  EXPECT_FALSE(std::filesystem::exists(output.string() + ".partial"));
  std::filesystem::remove_all(dir);
}

TEST(ParseCommand, MalformedXmlNamesLineAndColumn) {
  auto r = qvm({"parse", "-"}, "<HOST_LIST_OUTPUT>\n<RESPONSE>\n</HOST_LIST_OUTPUT>\n");
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_NE(r.err.find("<stdin>: malformed XML: line 3, column 3: mismatched tag"),
            std::string::npos)
      << r.err;
}

TEST(ParseCommand, UsageErrorsExitTwoWithAHint) {
  auto unknown = qvm({"parse", "--bogus", "x.xml"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("try 'qvm parse --help'"), std::string::npos) << unknown.err;

  auto missing = qvm({"parse", "/nonexistent/file.xml"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot open '/nonexistent/file.xml'"), std::string::npos);

  auto html = qvm({"parse", "-"}, "<html><body>414 Request-URI Too Long</body></html>");
  EXPECT_EQ(html.exit_code, 2);
  EXPECT_NE(html.err.find("not a Qualys response qvm can read"), std::string::npos) << html.err;
}

TEST(ParseCommand, BothXmlParsersGiveTheSameRows) {
  QVM_REQUIRE_SHARED_FIXTURES();
  for (const char* file :
       {"host_list_detection_docsample_reformatted_j1.xml", "kb_vuln_list_tinykb_skyleach.xml",
        "qps_hostasset_ec2_fixture_j1.xml", "scan_list_ruby.xml", "host_list_idset_j1.xml"}) {
    auto fast = qvm({"parse", "--xml-parser", "fast", shared_fixture(file)});
    auto expat = qvm({"parse", "--xml-parser", "expat", shared_fixture(file)});
    ASSERT_EQ(fast.exit_code, 0) << fast.err;
    EXPECT_FALSE(fast.out.empty());
    EXPECT_EQ(fast.out, expat.out) << file;
  }
}

TEST(ParseCommand, OutputToADeviceIsWrittenInPlaceNotReplaced) {
  QVM_REQUIRE_SHARED_FIXTURES();
  auto r = qvm({"parse", shared_fixture("scan_list_ruby.xml"), "-o", "/dev/null"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));
  EXPECT_FALSE(std::filesystem::exists("/dev/null.partial"));
}

TEST(ParseCommand, HelpListsExitCodes) {
  auto r = qvm({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("7    malformed or truncated response or input file"), std::string::npos);
}

}  // namespace
}  // namespace qvm
