// Form encoding, decoding, URL splitting, redaction; and the platform table.
#include "net/form.hpp"

#include <gtest/gtest.h>

#include "qvm/platform.hpp"

namespace qvm::net {
namespace {

TEST(Form, EncodesReservedCharactersAndRoundTrips) {
  FormParams p{{"action", "list"},
               {"ids", "1-5,7"},
               {"vm_processed_after", "2020-03-05T23:00:30Z"},
               {"q", "a b&c=d/é"}};
  std::string encoded = encode_form(p);
  EXPECT_EQ(encoded,
            "action=list&ids=1-5%2C7&vm_processed_after=2020-03-05T23%3A00%3A30Z&"
            "q=a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(decode_form(encoded), p);
  EXPECT_EQ(decode_form("a=1+2&b=&c&&d=%zz"),
            (FormParams{{"a", "1 2"}, {"b", ""}, {"c", ""}, {"d", "%zz"}}));
}

TEST(Form, SplitsUrlsAndFindsTheEndpoint) {
  auto [base, query] = split_url("https://qualysapi.qualys.com/api/2.0/fo/asset/host/?action=list");
  EXPECT_EQ(base, "https://qualysapi.qualys.com/api/2.0/fo/asset/host/");
  EXPECT_EQ(query, "action=list");
  EXPECT_EQ(url_path("https://h:8443/api/2.0/fo/scan/?action=list"), "/api/2.0/fo/scan/");
  EXPECT_EQ(url_path("https://h"), "/");
  EXPECT_EQ(url_without_query("https://h/p/?password=x"), "https://h/p/");
}

TEST(Form, RedactsSecretParameters) {
  FormParams login{{"action", "login"}, {"username", "acme_ab"}, {"password", "S3cr3t!"}};
  EXPECT_EQ(redacted_form(login), "action=login&username=***&password=***");
}

TEST(Platform, LooksUpKeysCaseInsensitively) {
  EXPECT_EQ(platforms().size(), 13u);
  auto us3 = find_platform("us3");
  ASSERT_TRUE(us3);
  EXPECT_EQ(us3->api_url, "https://qualysapi.qg3.apps.qualys.com");
  EXPECT_EQ(find_platform("EU1")->api_url, "https://qualysapi.qualys.eu");
  EXPECT_EQ(find_platform("Ksa1")->api_url, "https://qualysapi.qg1.apps.qualysksa.com");
  EXPECT_EQ(find_platform("UK1")->gateway_url, "https://gateway.qg1.apps.qualys.co.uk");
}

TEST(Platform, UnknownKeyListsTheValidOnes) {
  auto r = find_platform("US9");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(r.error().message, "unknown platform 'US9'");
  EXPECT_EQ(r.error().hint,
            "use one of US1, US2, US3, US4, EU1, EU2, EU3, IN1, CA1, AE1, UK1, AU1, KSA1, or "
            "--url for a private cloud");
}

}  // namespace
}  // namespace qvm::net
