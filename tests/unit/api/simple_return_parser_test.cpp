// SIMPLE_RETURN: success answers as data, and every recorded error code as the right Error.
#include <gtest/gtest.h>

#include "parse_any.hpp"
#include "support/fixtures.hpp"

namespace qvm::test {
namespace {

Outcome parse_fixture(const std::string& name) {
  return parse_as(Doc::kSimpleReturn, read_file(shared_fixture(name)));
}

TEST(SimpleReturnParser, LoggedIn) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("session_login_ruby.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.simple_return,
            (SimpleReturn{ts("2017-12-12T11:13:03Z"), std::nullopt, "Logged in", {}}));
  EXPECT_EQ(out.datetime, ts("2017-12-12T11:13:03Z"));
}

TEST(SimpleReturnParser, LoggedOut) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("session_logout_ruby.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.simple_return,
            (SimpleReturn{ts("2017-12-11T16:56:34Z"), std::nullopt, "Logged out", {}}));
}

struct ErrorCase {
  const char* file;
  ErrorKind kind;
  int code;
  const char* message;
};

class SimpleReturnErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(SimpleReturnErrors, CodeBecomesError) {
  QVM_REQUIRE_SHARED_FIXTURES();
  const ErrorCase& c = GetParam();
  Outcome out = parse_fixture(c.file);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, c.kind);
  EXPECT_EQ(out.error->qualys_code, c.code);
  EXPECT_EQ(out.error->message, c.message);
  // The document is still handed out, so callers can read its ITEM_LIST (SECONDS_TO_WAIT).
  EXPECT_EQ(out.simple_return.code, c.code);
  EXPECT_EQ("Qualys " + std::to_string(c.code) + ": " + out.simple_return.text, c.message);
}

INSTANTIATE_TEST_SUITE_P(
    Recorded, SimpleReturnErrors,
    ::testing::Values(
        ErrorCase{"simple_return_1903_missing_action_http400_ruby.xml", ErrorKind::kApi, 1903,
                  "Qualys 1903: Missing required parameter(s): action"},
        ErrorCase{"simple_return_1905_hld_bad_ids_http400_j1.xml", ErrorKind::kApi, 1905,
                  "Qualys 1905: parameter ids has invalid value: abc123 (neither a positive "
                  "integer nor a range: abc123)"},
        ErrorCase{"simple_return_1905_kb_bad_ids_http400_j1.xml", ErrorKind::kApi, 1905,
                  "Qualys 1905: parameter ids has invalid value: abc123 (neither a positive "
                  "integer nor a range: abc123)"},
        ErrorCase{"simple_return_2000_bad_login_http401_ruby.xml", ErrorKind::kAuth, 2000,
                  "Qualys 2000: Bad Login/Password"},
        ErrorCase{"simple_return_2001_account_expired_http200_j1.xml", ErrorKind::kAuth, 2001,
                  "Qualys 2001: This account has expired."},
        ErrorCase{"simple_return_7001_report_fetch_ruby.xml", ErrorKind::kApi, 7001,
                  "Qualys 7001: Report cannot be fetched."}));

TEST(SimpleReturnParser, ItemListOnSuccessKeysInAnyCase) {
  Outcome out = parse_as(Doc::kSimpleReturn, R"(<SIMPLE_RETURN><RESPONSE>
<DATETIME>2024-01-31T12:00:00Z</DATETIME><TEXT>New vm scan launched</TEXT>
<ITEM_LIST><ITEM><KEY>ID</KEY><VALUE>123</VALUE></ITEM><ITEM><KEY>REFERENCE</KEY><VALUE>scan/1.2</VALUE></ITEM></ITEM_LIST>
</RESPONSE></SIMPLE_RETURN>)");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.simple_return.text, "New vm scan launched");
  EXPECT_EQ(out.simple_return.items, (std::vector<std::pair<std::string, std::string>>{
                                         {"ID", "123"}, {"REFERENCE", "scan/1.2"}}));
  EXPECT_EQ(out.simple_return.item("reference"), "scan/1.2");
  EXPECT_EQ(out.simple_return.item("missing"), std::nullopt);
}

TEST(SimpleReturnParser, RateLimitIsALimitError) {
  Outcome out = parse_as(Doc::kSimpleReturn, R"(<SIMPLE_RETURN><RESPONSE>
<DATETIME>2024-01-31T12:00:00Z</DATETIME><CODE>1965</CODE>
<TEXT>This API cannot be run again for another 23 hours, 57 minutes and 54 seconds.</TEXT>
<ITEM_LIST><ITEM><KEY>SECONDS_TO_WAIT</KEY><VALUE>68928</VALUE></ITEM></ITEM_LIST>
</RESPONSE></SIMPLE_RETURN>)");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kLimit);
  EXPECT_EQ(out.error->qualys_code, 1965);
  EXPECT_EQ(out.error->message,
            "Qualys 1965: This API cannot be run again for another 23 hours, 57 minutes and 54 "
            "seconds.");
}

TEST(SimpleReturnParser, OtherRootIsMalformed) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("scan_list_empty_ruby.xml");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kMalformed);
  EXPECT_EQ(out.error->message,
            "unexpected response: expected SIMPLE_RETURN, got SCAN_LIST_OUTPUT");
}

}  // namespace
}  // namespace qvm::test

namespace qvm {
namespace {

TEST(SimpleReturnParser, RateLimitItemsSurviveTheError) {
  SimpleReturn out;
  auto parser = make_simple_return_parser(out);
  ASSERT_TRUE(parser->feed(
      "<SIMPLE_RETURN><RESPONSE><DATETIME>2024-01-31T12:00:00Z</DATETIME><CODE>1965</CODE>"
      "<TEXT>This API cannot be run again for another 23 hours, 57 minutes and 54 seconds.</TEXT>"
      "<ITEM_LIST><ITEM><KEY>SECONDS_TO_WAIT</KEY><VALUE>86274</VALUE></ITEM></ITEM_LIST>"
      "</RESPONSE></SIMPLE_RETURN>"));
  auto finished = parser->finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(finished.error().qualys_code, 1965);
  EXPECT_EQ(out.item("seconds_to_wait"), "86274");
}

}  // namespace
}  // namespace qvm
