// HOST_LIST_VM_DETECTION_OUTPUT against the real recordings, field by field.
#include <gtest/gtest.h>

#include "parse_any.hpp"
#include "support/fixtures.hpp"

namespace qvm::test {
namespace {

Outcome parse_fixture(const std::string& name) {
  return parse_as(Doc::kDetection, read_file(shared_fixture(name)));
}

TEST(DetectionParser, DocSampleHostAndItsThreeDetections) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("host_list_detection_docsample_reformatted_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2020-09-27T01:29:21Z"));
  EXPECT_FALSE(out.warning.has_value());

  Host host;
  host.id = 6506432;
  host.ip = "10.10.10.11";
  host.tracking_method = "IP";
  host.os = "Windows 2008 R2 Enterprise Service Pack1";
  host.dns = "2k8r2-u-10-11";
  host.netbios = "2K8R2-U-10-11";
  host.last_scan_datetime = ts("2018-04-13T03:49:05Z");
  host.last_vm_scanned_date = ts("2018-04-13T03:48:50Z");
  host.last_vm_scanned_duration = 352;

  ASSERT_EQ(out.detections.size(), 3u);
  ASSERT_EQ(out.host_ends.size(), 1u);
  EXPECT_EQ(out.host_ends[0].first, host);
  EXPECT_EQ(out.host_ends[0].second, 3u);

  Detection common;
  common.type = "Confirmed";
  common.severity = 2;
  common.port = 3389;
  common.protocol = "tcp";
  common.ssl = true;
  common.status = "Active";
  common.first_found_datetime = ts("2018-01-26T04:45:50Z");
  common.last_found_datetime = ts("2018-04-13T03:48:50Z");
  common.times_found = 111;
  common.last_test_datetime = ts("2018-04-13T03:48:50Z");
  common.last_update_datetime = ts("2018-04-13T03:49:05Z");
  common.is_ignored = false;
  common.is_disabled = false;
  common.last_processed_datetime = ts("2018-04-13T03:49:05Z");

  Detection d1 = common;
  d1.qid = 38170;
  // The HTML escape inside CDATA is kept as sent (qualys-api.md §8.8).
  d1.results = "Certificate #0 CN=2k8r2-u-10-11(2k8r2-u-10-11) doesn&apos;tresolve";
  Detection d2 = common;
  d2.qid = 38173;
  d2.results = "Certificate #0 CN=2k8r2-u-10-11\nunable to get local\nissuer certificate";
  Detection d3 = common;
  d3.qid = 38601;
  d3.results =
      "CIPHER KEY-EXCHANGE AUTHENTICATION\nMAC ENCRYPTION(KEY-STRENGTH)\nGRADE TLSv1 WITH RC4 "
      "CIPHERs IS SUPPORTED\nRC4-SHA RSA RSA SHA1 RC4(128) MEDIUM\nRC4-MD5 RSA RSA MD5 RC4(128) "
      "MEDIUM";

  for (const auto& [h, d] : out.detections)
    EXPECT_EQ(h, host);
  EXPECT_EQ(out.detections[0].second, d1);
  EXPECT_EQ(out.detections[1].second, d2);
  EXPECT_EQ(out.detections[2].second, d3);
}

TEST(DetectionParser, HostWithoutDetectionsIsAnEmptyResponse) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("host_list_detection_empty_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2020-09-27T01:29:21Z"));
  EXPECT_TRUE(out.detections.empty());
  EXPECT_TRUE(out.host_ends.empty());
  EXPECT_FALSE(out.warning.has_value());
}

TEST(DetectionParser, BadIdsErrorBodyIsAnApiError) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("simple_return_1905_hld_bad_ids_http400_j1.xml");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kApi);
  EXPECT_EQ(out.error->qualys_code, 1905);
  EXPECT_EQ(out.error->message,
            "Qualys 1905: parameter ids has invalid value: abc123 (neither a positive integer nor "
            "a range: abc123)");
  EXPECT_TRUE(out.detections.empty());
  EXPECT_EQ(out.datetime, ts("2020-09-27T01:23:36Z"));
}

// Own document: QDS with its severity attribute, QDS_FACTORS, the pagination WARNING, fields of
// newer outputs, and a second host so that detections carry the right host.
TEST(DetectionParser, QdsFactorsWarningAndTwoHosts) {
  const std::string body = R"(<?xml version="1.0" encoding="UTF-8" ?>
<HOST_LIST_VM_DETECTION_OUTPUT><RESPONSE><DATETIME>2024-01-31T12:00:00Z</DATETIME>
<HOST_LIST>
<HOST><ID>1</ID><IP>10.0.0.1</IP><DNS_DATA><HOSTNAME><![CDATA[web01]]></HOSTNAME><FQDN><![CDATA[web01.example.test]]></FQDN></DNS_DATA>
<TAGS><TAG><TAG_ID>7</TAG_ID><NAME><![CDATA[Prod]]></NAME></TAG></TAGS>
<DETECTION_LIST><DETECTION><UNIQUE_VULN_ID>99</UNIQUE_VULN_ID><QID>38739</QID><TYPE>Potential</TYPE>
<RESULTS><![CDATA[cipher	3des-cbc  ]]></RESULTS>
<QDS severity="HIGH">72</QDS><QDS_FACTORS><QDS_FACTOR name="CVSS"><![CDATA[7.5]]></QDS_FACTOR><QDS_FACTOR name="epss"><![CDATA[0.01]]></QDS_FACTOR></QDS_FACTORS>
<TIMES_REOPENED>2</TIMES_REOPENED><AFFECT_RUNNING_KERNEL>1</AFFECT_RUNNING_KERNEL></DETECTION></DETECTION_LIST></HOST>
<HOST><ID>2</ID><DETECTION_LIST><DETECTION><QID>6</QID><TYPE>Info</TYPE></DETECTION></DETECTION_LIST></HOST>
</HOST_LIST>
<WARNING><CODE>1980</CODE><TEXT>2 record limit exceeded. Use URL to get next batch of results.</TEXT>
<URL><![CDATA[https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=2&id_min=3]]></URL></WARNING>
</RESPONSE></HOST_LIST_VM_DETECTION_OUTPUT>)";
  Outcome out = parse_as(Doc::kDetection, body);
  ASSERT_TRUE(out.ok()) << out.error->message;
  ASSERT_EQ(out.detections.size(), 2u);
  const auto& [h1, d1] = out.detections[0];
  EXPECT_EQ(h1.id, 1u);
  ASSERT_TRUE(h1.dns_data.has_value());
  EXPECT_EQ(h1.dns_data->hostname, "web01");
  EXPECT_EQ(h1.dns_data->fqdn, "web01.example.test");
  EXPECT_EQ(h1.dns_data->domain, std::nullopt);
  ASSERT_EQ(h1.tags.size(), 1u);
  EXPECT_EQ(h1.tags[0], (HostTag{7, "Prod", std::nullopt, std::nullopt}));
  EXPECT_EQ(d1.unique_vuln_id, 99u);
  EXPECT_EQ(d1.results, "cipher\t3des-cbc  ");
  EXPECT_EQ(d1.qds, (Qds{72, "HIGH"}));
  EXPECT_EQ(d1.qds_factors, (std::vector<QdsFactor>{{"CVSS", "7.5"}, {"epss", "0.01"}}));
  EXPECT_EQ(d1.times_reopened, 2);
  EXPECT_EQ(d1.affect_running_kernel, true);
  EXPECT_EQ(d1.severity, std::nullopt);  // old outputs may omit it
  const auto& [h2, d2] = out.detections[1];
  EXPECT_EQ(h2.id, 2u);
  EXPECT_TRUE(h2.tags.empty());
  EXPECT_EQ(d2.qid, 6u);
  EXPECT_EQ(d2.type, "Info");
  ASSERT_TRUE(out.warning.has_value());
  EXPECT_EQ(out.warning->code, 1980);
  EXPECT_EQ(out.warning->text, "2 record limit exceeded. Use URL to get next batch of results.");
  EXPECT_EQ(out.warning->url,
            "https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/"
            "?action=list&truncation_limit=2&id_min=3");
}

TEST(DetectionParser, CallbackErrorStopsTheParse) {
  QVM_REQUIRE_SHARED_FIXTURES();
  size_t seen = 0;
  auto parser = make_detection_parser({.detection = [&](const Host&, const Detection&) -> Status {
                                         ++seen;
                                         return make_error(ErrorKind::kIo, "sink: disk full");
                                       },
                                       .host_end = {}});
  auto body = read_file(shared_fixture("host_list_detection_docsample_reformatted_j1.xml"));
  auto status = parser->feed(body);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().kind, ErrorKind::kIo);
  EXPECT_EQ(status.error().message, "sink: disk full");
  EXPECT_EQ(seen, 1u);
  EXPECT_FALSE(parser->finish().has_value());
}

TEST(DetectionParser, WrongDocumentTypeIsMalformed) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_as(Doc::kDetection, read_file(shared_fixture("host_list_empty_j1.xml")));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kMalformed);
  EXPECT_EQ(out.error->message,
            "unexpected response: expected HOST_LIST_VM_DETECTION_OUTPUT, got HOST_LIST_OUTPUT");
}

}  // namespace
}  // namespace qvm::test
