// QPS ServiceResponse / HostAsset against the real recordings: EC2 sources with instance tags,
// agent info, empty `<list/>` collections, count 0 without data, and the HTTP-200 errors.
#include <gtest/gtest.h>

#include "parse_any.hpp"
#include "support/fixtures.hpp"

namespace qvm::test {
namespace {

Outcome parse_fixture(const std::string& name) {
  return parse_as(Doc::kHostAsset, read_file(shared_fixture(name)));
}

AssetSource ec2_source(std::uint64_t asset_id,
                       std::vector<std::pair<std::string, std::string>> tags) {
  AssetSource s;
  s.type = "Ec2AssetSourceSimple";
  s.fields = {{"firstDiscovered", "2017-07-27T18:14:28Z"},
              {"lastUpdated", "2017-07-27T19:51:03Z"},
              {"assetId", std::to_string(asset_id)},
              {"availabilityZone", "us-east1e"},
              {"instanceId", "i-023b166432b1c7afc"},
              {"instanceType", "t2.medium"},
              {"createdDate", "2017-07-27T19:58:34Z"},
              {"instanceState", "STOPPED"},
              {"groupId", "sg-6b619117"},
              {"groupName", "default"},
              {"spotInstance", "true"},
              {"accountId", "205767712438"},
              {"subnetId", "subnet-7bbbcd56"},
              {"vpcId", "vpc-2da7154b"},
              {"region", "us-east-1"},
              {"zone", "VPC"},
              {"imageId", "ami-22ce4934"},
              {"publicIpAddress", "127.0.0.1"},
              {"privateIpAddress", "10.97.15.117"},
              {"reservationId", "r03ca004864372ef32"},
              {"privateDnsName", "ip-172-31-3-82.ap-south1.compute.internal"},
              {"publicDnsName", "ec2-13-232-170-59.ap-south1.compute.amazonaws.com"},
              {"monitoringEnabled", "false"}};
  s.tags = std::move(tags);
  return s;
}

HostAsset ec2_asset(std::uint64_t id) {
  HostAsset a;
  a.id = id;
  a.name = "my-ec2-target";
  a.created = ts("2017-07-27T18:14:28Z");
  a.modified = ts("2017-07-27T18:21:31Z");
  a.type = "HOST";
  a.qweb_host_id = 12864;
  a.os = "Linux";
  a.address = "10.97.15.117";
  a.tracking_method = "INSTANCE_ID";
  HostAssetInterface nic;
  nic.interface_id = "eni-09f901fe";
  nic.interface_name = "Primary network\ninterface";
  nic.type = "PRIVATE";
  nic.address = "10.97.15.117";
  a.network_interface = {nic};
  return a;
}

TEST(HostAssetParser, Ec2AssetsWithSourcesAndInstanceTags) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("qps_hostasset_ec2_fixture_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  ASSERT_EQ(out.assets.size(), 2u);

  HostAsset first = ec2_asset(709837);
  first.source_info = {ec2_source(709837, {{"Department", "Security"}})};
  EXPECT_EQ(out.assets[0], first);

  HostAsset second = ec2_asset(709838);
  second.tags = {{10125654, "Cloud Agent"}};
  second.source_info = {ec2_source(709838, {{"Department", "Security"},
                                            {"Owner", "Jason Kim"},
                                            {"Email", "jkim@acme.com"},
                                            {"JIRA", "POR-6719"},
                                            {"Name", "my-ec2-target"},
                                            {"Lifecycle", "20171231"}})};
  EXPECT_EQ(out.assets[1], second);

  ASSERT_TRUE(out.envelope.has_value());
  EXPECT_EQ(*out.envelope,
            (QpsEnvelope{"SUCCESS", 1, std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
  EXPECT_EQ(out.datetime, std::nullopt);
}

TEST(HostAssetParser, DocSampleAgentInfoAndEnvelope) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("qps_hostasset_list_docsample_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  // The docs' sample says count 6 but carries two assets; the parser reports both as sent.
  ASSERT_EQ(out.assets.size(), 2u);
  ASSERT_TRUE(out.envelope.has_value());
  EXPECT_EQ(*out.envelope, (QpsEnvelope{"SUCCESS", 6, false, 5693290, std::nullopt, std::nullopt}));

  HostAsset a;
  a.id = 3043442;
  a.name = "102115-M83";
  a.created = ts("2016-11-04T11:43:40Z");
  a.modified = ts("2016-11-08T22:35:53Z");
  a.type = "HOST";
  a.source_info = {AssetSource{"AssetSource", {}, {}}};
  a.qweb_host_id = 12688456922;
  a.dns_host_name = "102115-M83";
  a.os = "Linux";
  a.fqdn = "something.com";
  a.last_vuln_scan = ts("2018-06-15T11:48:58Z");
  AgentInfo agent;
  agent.agent_version = "1.4.5.168";
  agent.agent_id = "2e689bb2-53ab-4a58-be0a-\n a7576964f310";  // kept as sent, line break too
  agent.status = "STATUS_INACTIVE";
  agent.last_checked_in = ts("2016-10-21T19:03:30Z");
  agent.connected_from = "10.100.11.163";
  agent.chirp_status = "Manifest Downloaded";
  agent.platform = "Windows";
  agent.agent_configuration_id = "8099";
  agent.agent_configuration_name = "Initial Profile - SSN3";
  agent.activation_id = "3ae32b8d-a8cf-4c0e-a477-\n 86fad2dda4f4";
  agent.activation_title = "harshal";
  a.agent_info = agent;
  a.netbios_name = "102115-M83";
  a.address = "10.100.11.163";
  a.tracking_method = "QAGENT";

  HostAsset tagged = a;
  tagged.tags = {{8832525, "Cloud Agent"}};
  EXPECT_EQ(out.assets[0], tagged);
  EXPECT_EQ(out.assets[1], a);
}

TEST(HostAssetParser, NoMatchIsCountZeroWithoutData) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("qps_hostasset_search_nomatch_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_TRUE(out.assets.empty());
  ASSERT_TRUE(out.envelope.has_value());
  EXPECT_EQ(*out.envelope,
            (QpsEnvelope{"SUCCESS", 0, std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
}

TEST(HostAssetParser, InvalidRequestIsAnApiError) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("qps_hostasset_invalid_request_j1.xml");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kApi);
  EXPECT_EQ(out.error->qualys_code, 0);
  // &apos; here is an XML entity outside CDATA, so it is decoded.
  EXPECT_EQ(out.error->message,
            "Qualys INVALID_REQUEST: Criteria: Invalid value format for criteria 'qwebHostId' "
            "(abc123).");
  EXPECT_EQ(out.error->hint, "Specify criteria value(s) as Long.");
  ASSERT_TRUE(out.envelope.has_value());
  EXPECT_EQ(out.envelope->response_code, "INVALID_REQUEST");
}

TEST(HostAssetParser, InvalidCredentialsIsAnAuthError) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("qps_invalid_credentials_j1.xml");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kAuth);
  EXPECT_EQ(out.error->message, "Qualys INVALID_CREDENTIALS: Authentication failed");
  EXPECT_EQ(out.error->hint, "Verify both, user and password credentials.");
}

TEST(HostAssetParser, PopulatedCollections) {
  Outcome out = parse_as(Doc::kHostAsset, R"(<ServiceResponse><responseCode>SUCCESS</responseCode>
<count>1</count><hasMoreRecords>true</hasMoreRecords><lastId>9</lastId><data><HostAsset><id>9</id>
<agentInfo><manifestVersion><vm>VULNSIGS-VM-1</vm><pc>PC-2</pc></manifestVersion><activatedModule>AGENT_VM</activatedModule></agentInfo>
<totalMemory>8192</totalMemory><isDockerHost>false</isDockerHost>
<openPort><list><HostAssetOpenPort><port>22</port><protocol>TCP</protocol><serviceName>ssh</serviceName></HostAssetOpenPort></list></openPort>
<software><list><HostAssetSoftware><name>openssl</name><version>3.0.2</version></HostAssetSoftware></list></software>
<vuln><list><HostAssetVuln><qid>38739</qid><hostInstanceVulnId>5</hostInstanceVulnId><firstFound>2024-01-01T00:00:00Z</firstFound></HostAssetVuln></list></vuln>
<processor><list><HostAssetProcessor><name>Xeon</name><speed>2400</speed></HostAssetProcessor></list></processor>
<volume><list><HostAssetVolume><name>/</name><size>100</size><free>40</free></HostAssetVolume></list></volume>
<account><list><HostAssetAccount><username>root</username></HostAssetAccount><HostAssetAccount><username>ops</username></HostAssetAccount></list></account>
</HostAsset></data></ServiceResponse>)");
  ASSERT_TRUE(out.ok()) << out.error->message;
  ASSERT_EQ(out.assets.size(), 1u);
  const HostAsset& a = out.assets[0];
  ASSERT_TRUE(a.agent_info.has_value());
  EXPECT_EQ(a.agent_info->manifest_version_vm, "VULNSIGS-VM-1");
  EXPECT_EQ(a.agent_info->manifest_version_pc, "PC-2");
  EXPECT_EQ(a.agent_info->activated_module, "AGENT_VM");
  EXPECT_EQ(a.total_memory, 8192);
  EXPECT_EQ(a.is_docker_host, false);
  EXPECT_EQ(a.open_port, (std::vector<HostAssetOpenPort>{{22, "TCP", "ssh"}}));
  EXPECT_EQ(a.software, (std::vector<HostAssetSoftware>{{"openssl", "3.0.2"}}));
  EXPECT_EQ(a.vuln,
            (std::vector<HostAssetVuln>{{38739, 5, ts("2024-01-01T00:00:00Z"), std::nullopt}}));
  EXPECT_EQ(a.processor, (std::vector<HostAssetProcessor>{{"Xeon", "2400"}}));
  EXPECT_EQ(a.volume, (std::vector<HostAssetVolume>{{"/", "100", "40"}}));
  EXPECT_EQ(a.account, (std::vector<std::string>{"root", "ops"}));
  EXPECT_EQ(*out.envelope, (QpsEnvelope{"SUCCESS", 1, true, 9, std::nullopt, std::nullopt}));
}

TEST(HostAssetParser, MissingResponseCodeIsMalformed) {
  Outcome out = parse_as(Doc::kHostAsset, "<ServiceResponse><count>0</count></ServiceResponse>");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kMalformed);
}

}  // namespace
}  // namespace qvm::test
