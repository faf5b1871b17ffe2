// HOST_LIST_OUTPUT against the real recordings (empty lists, old and new DTD path, ID_SET) and
// an own document with every nested HOST group.
#include <gtest/gtest.h>

#include "parse_any.hpp"
#include "support/fixtures.hpp"

namespace qvm::test {
namespace {

Outcome parse_fixture(const std::string& name) {
  return parse_as(Doc::kHostList, read_file(shared_fixture(name)));
}

TEST(HostListParser, EmptyListIsOnlyADatetime) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("host_list_empty_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2020-09-24T23:51:12Z"));
  EXPECT_TRUE(out.hosts.empty());
  EXPECT_TRUE(out.ids.empty());
  EXPECT_FALSE(out.warning.has_value());
}

TEST(HostListParser, NewDtdPathParsesTheSame) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("host_list_empty_newdtd_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2022-10-28T16:56:25Z"));
  EXPECT_TRUE(out.hosts.empty());
}

TEST(HostListParser, IdSetGivesOneId) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("host_list_idset_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2020-09-29T21:33:33Z"));
  EXPECT_TRUE(out.hosts.empty());
  EXPECT_EQ(out.ids, (std::vector<IdRange>{{107800671, 107800671}}));
}

TEST(HostListParser, AccountExpiredIn200IsAnAuthError) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("simple_return_2001_account_expired_http200_j1.xml");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kAuth);
  EXPECT_EQ(out.error->qualys_code, 2001);
  EXPECT_EQ(out.error->message, "Qualys 2001: This account has expired.");
  EXPECT_FALSE(out.error->hint.empty());
}

TEST(HostListParser, ApacheHtmlRedirectPageIsMalformed) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("http_301_missing_trailing_slash_ruby.html");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kMalformed);
  EXPECT_TRUE(out.hosts.empty());
}

TEST(HostListParser, EveryNestedHostGroup) {
  const std::string body = R"(<!DOCTYPE HOST_LIST_OUTPUT SYSTEM "">
<HOST_LIST_OUTPUT><RESPONSE><DATETIME>2024-01-31T12:00:00Z</DATETIME><HOST_LIST><HOST>
<ID>1001</ID><ASSET_ID>55</ASSET_ID><IP>10.0.0.5</IP><TRACKING_METHOD>EC2</TRACKING_METHOD>
<DNS_DATA><HOSTNAME><![CDATA[web01]]></HOSTNAME><DOMAIN><![CDATA[example.test]]></DOMAIN></DNS_DATA>
<EC2_INSTANCE_ID><![CDATA[i-0abc]]></EC2_INSTANCE_ID><OS><![CDATA[Linux 4.x]]></OS>
<TAGS><TAG><TAG_ID>1</TAG_ID><NAME>A</NAME></TAG><TAG><TAG_ID>2</TAG_ID><NAME>B</NAME></TAG></TAGS>
<METADATA><EC2><ATTRIBUTE><NAME><![CDATA[latest/meta-data/region]]></NAME><LAST_STATUS>Success</LAST_STATUS>
<VALUE><![CDATA[us-east-1]]></VALUE><LAST_SUCCESS_DATE>2024-01-30T00:00:00Z</LAST_SUCCESS_DATE><LAST_ERROR><![CDATA[]]></LAST_ERROR></ATTRIBUTE></EC2></METADATA>
<CLOUD_PROVIDER_TAGS><CLOUD_TAG><NAME>env</NAME><VALUE>prod</VALUE><LAST_SUCCESS_DATE>2024-01-29T00:00:00Z</LAST_SUCCESS_DATE></CLOUD_TAG></CLOUD_PROVIDER_TAGS>
<LAST_VM_SCANNED_DURATION>352</LAST_VM_SCANNED_DURATION>
<USER_DEF><LABEL_1>Owner</LABEL_1><VALUE_1><![CDATA[ops]]></VALUE_1></USER_DEF>
<ASSET_GROUP_IDS>473828,474410</ASSET_GROUP_IDS>
</HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>)";
  Outcome out = parse_as(Doc::kHostList, body);
  ASSERT_TRUE(out.ok()) << out.error->message;
  ASSERT_EQ(out.hosts.size(), 1u);
  const Host& h = out.hosts[0];
  EXPECT_EQ(h.id, 1001u);
  EXPECT_EQ(h.asset_id, 55u);
  EXPECT_EQ(h.tracking_method, "EC2");
  EXPECT_EQ(h.dns_data, (DnsData{"web01", "example.test", std::nullopt}));
  EXPECT_EQ(h.ec2_instance_id, "i-0abc");
  ASSERT_EQ(h.tags.size(), 2u);
  EXPECT_EQ(h.tags[1].name, "B");
  ASSERT_EQ(h.metadata.size(), 1u);
  EXPECT_EQ(h.metadata[0].provider, "EC2");
  EXPECT_EQ(h.metadata[0].name, "latest/meta-data/region");
  EXPECT_EQ(h.metadata[0].value, "us-east-1");
  EXPECT_EQ(h.metadata[0].last_success_date, ts("2024-01-30T00:00:00Z"));
  EXPECT_EQ(h.metadata[0].last_error, "");  // empty CDATA is present and empty
  ASSERT_EQ(h.cloud_provider_tags.size(), 1u);
  EXPECT_EQ(h.cloud_provider_tags[0], (CloudTag{"env", "prod", ts("2024-01-29T00:00:00Z")}));
  EXPECT_EQ(h.last_vm_scanned_duration, 352);
  ASSERT_TRUE(h.user_def.has_value());
  EXPECT_EQ(h.user_def->label_1, "Owner");
  EXPECT_EQ(h.user_def->value_1, "ops");
  EXPECT_EQ(h.asset_group_ids, (std::vector<std::uint64_t>{473828, 474410}));
}

TEST(HostListParser, IdRangeAndBadIdValue) {
  Outcome out = parse_as(Doc::kHostList,
                         "<HOST_LIST_OUTPUT><RESPONSE><DATETIME>2024-01-31T12:00:00Z</DATETIME>"
                         "<ID_SET><ID>5</ID><ID_RANGE>10-20</ID_RANGE></ID_SET></RESPONSE>"
                         "</HOST_LIST_OUTPUT>");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.ids, (std::vector<IdRange>{{5, 5}, {10, 20}}));

  Outcome bad = parse_as(Doc::kHostList,
                         "<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>x1</ID></HOST>"
                         "</HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error->kind, ErrorKind::kMalformed);
  EXPECT_EQ(bad.error->message, "element ID: 'x1' is not a non-negative integer");
}

}  // namespace
}  // namespace qvm::test
