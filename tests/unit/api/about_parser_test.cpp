// ABOUT (/msp/about.php): no recording in ../shared, so the sample printed in a public client's
// README is our fixture (tests/fixtures/README.md).
#include <gtest/gtest.h>

#include "parse_any.hpp"
#include "support/fixtures.hpp"

namespace qvm::test {
namespace {

TEST(AboutParser, VersionsInDocumentOrder) {
  Outcome out = parse_as(Doc::kAbout, read_file(own_fixture("about_pb_readme.xml")));
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.about.api_version, "1.4");
  EXPECT_EQ(out.about.versions,
            (std::vector<std::pair<std::string, std::string>>{{"WEB-VERSION", "7.10.61-1"},
                                                              {"SCANNER-VERSION", "7.1.10-1"},
                                                              {"VULNSIGS-VERSION", "2.2.475-2"}}));
  EXPECT_EQ(out.datetime, std::nullopt);
}

TEST(AboutParser, BadLoginBodyIsAnAuthErrorAndLeavesOutputAlone) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_as(
      Doc::kAbout, read_file(shared_fixture("simple_return_2000_bad_login_http401_ruby.xml")));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kAuth);
  EXPECT_EQ(out.error->qualys_code, 2000);
  EXPECT_EQ(out.about, About{});
}

}  // namespace
}  // namespace qvm::test
