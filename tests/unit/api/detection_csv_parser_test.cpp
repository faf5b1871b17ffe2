// HLD output_format=CSV: sections, column row, RFC 4180 quoting with multi-line RESULTS, the
// suppressed-duplicates layout, and the footer's truncation as a Warning. The bodies are our
// reconstructions of Qualys' documented samples (tests/fixtures/README.md): no real recording.
#include <gtest/gtest.h>

#include "parse_any.hpp"
#include "support/fixtures.hpp"

namespace qvm::test {
namespace {

Host host_5641287() {
  Host h;
  h.id = 5641287;
  h.ip = "10.10.10.28";
  h.tracking_method = "IP";
  h.os = "Windows XP";
  h.dns = "xpsp3-10-28";
  h.netbios = "XPSP3-10-28";
  h.last_scan_datetime = ts("2016-12-20T20:59:05Z");
  h.last_vm_scanned_date = ts("2016-12-20T20:59:05Z");
  h.last_vm_scanned_duration = 260;
  h.last_pc_scanned_date = ts("2016-12-20T20:46:17Z");
  return h;
}

Detection detection_38094() {
  Detection d;
  d.qid = 38094;
  d.type = "Potential";
  d.port = 3389;
  d.protocol = "tcp";
  d.ssl = false;
  d.status = "Active";
  d.severity = 2;
  d.first_found_datetime = ts("2016-09-27T09:13:49Z");
  d.last_found_datetime = ts("2016-12-20T20:59:05Z");
  d.last_test_datetime = ts("2016-12-20T20:59:05Z");
  d.last_update_datetime = ts("2016-12-20T20:52:34Z");
  d.results = "Detected service win_remote_desktop and os WINDOWS XP SERVICE PACK 2-3";
  d.is_ignored = false;
  d.is_disabled = false;
  d.times_found = 48;
  return d;
}

TEST(DetectionCsvParser, TruncatedPageWithMultiLineResults) {
  Outcome out = parse_as(Doc::kDetectionCsv, read_file(own_fixture("hld_truncated.csv")));
  ASSERT_TRUE(out.ok()) << out.error->message;
  ASSERT_EQ(out.detections.size(), 5u);
  ASSERT_EQ(out.host_ends.size(), 2u);
  EXPECT_EQ(out.host_ends[0], (std::pair<Host, size_t>{host_5641287(), 2}));
  EXPECT_EQ(out.host_ends[1].first.id, 5641288u);
  EXPECT_EQ(out.host_ends[1].second, 3u);

  EXPECT_EQ(out.detections[0], (std::pair<Host, Detection>{host_5641287(), detection_38094()}));
  const Detection& telnet = out.detections[1].second;
  EXPECT_EQ(telnet.qid, 38252u);
  EXPECT_EQ(telnet.port, std::nullopt);
  EXPECT_EQ(telnet.protocol, std::nullopt);
  EXPECT_EQ(telnet.results, "Detected on TCP port 23.");

  const Host& big_ip = out.detections[2].first;
  EXPECT_EQ(big_ip.os, "Linux 2.4-2.6 / Embedded Device / F5 Networks Big-IP / Linux 2.6");
  EXPECT_EQ(big_ip.dns, std::nullopt);
  EXPECT_EQ(big_ip.last_vm_auth_scanned_date, ts("2016-09-27T10:20:52Z"));
  EXPECT_EQ(big_ip.last_vm_auth_scanned_duration, 272);
  EXPECT_EQ(big_ip.last_pc_scanned_date, std::nullopt);
  EXPECT_EQ(out.detections[2].second.results,
            "Server supports recursive name resolution to IPv4 addresses.\nServer supports "
            "recursive name resolution to IPv6 addresses.");

  const Detection& rc4 = out.detections[3].second;
  EXPECT_EQ(rc4.qid, 38601u);
  EXPECT_EQ(rc4.status, "Re-Opened");
  EXPECT_EQ(rc4.ssl, true);
  EXPECT_EQ(rc4.last_fixed_datetime, ts("2016-11-02T08:00:00Z"));
  EXPECT_EQ(rc4.service, "https");
  EXPECT_EQ(rc4.times_found, 12);
  EXPECT_EQ(rc4.results,
            "CIPHER\tKEY-EXCHANGE\tAUTHENTICATION\tMAC\tENCRYPTION(KEY-STRENGTH)\tGRADE\n"
            "TLSv1 WITH RC4 CIPHERs IS SUPPORTED\t \t \t \t \t \n"
            "RC4-SHA\tRSA\tRSA\tSHA1\tRC4(128)\tMEDIUM ");

  EXPECT_EQ(out.detections[4].second.results,
            "Certificate #0 CN=\"big-ip\", O=F5 doesn&apos;t resolve");

  ASSERT_TRUE(out.warning.has_value());
  EXPECT_EQ(*out.warning,
            (Warning{1980, "Truncated",
                     "https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/"
                     "?action=list&output_format=CSV&truncation_limit=2&id_min=5641289"}));
  EXPECT_EQ(out.datetime, std::nullopt);
}

TEST(DetectionCsvParser, SuppressedDuplicatesFinished) {
  Outcome out = parse_as(Doc::kDetectionCsv, read_file(own_fixture("hld_suppressed_finished.csv")));
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_FALSE(out.warning.has_value());
  ASSERT_EQ(out.detections.size(), 3u);
  EXPECT_EQ(out.detections[0], (std::pair<Host, Detection>{host_5641287(), detection_38094()}));
  EXPECT_EQ(out.detections[1].first, host_5641287());
  EXPECT_EQ(out.detections[1].second.qid, 38252u);
  EXPECT_EQ(out.detections[2].first.id, 5641290u);
  EXPECT_EQ(out.detections[2].first.os, "Windows 10 Enterprise");
  EXPECT_EQ(out.detections[2].second.qid, 38628u);
  EXPECT_EQ(out.detections[2].second.severity, 3);
  ASSERT_EQ(out.host_ends.size(), 2u);
  EXPECT_EQ(out.host_ends[0].second, 2u);
  EXPECT_EQ(out.host_ends[1].second, 1u);
}

TEST(DetectionCsvParser, NoMetadataFormatHasNoSections) {
  const std::string body =
      "\"Host ID\",\"IP Address\",\"QID\",\"Type\",\"Results\"\r\n"
      "\"1\",\"10.0.0.1\",\"38739\",\"Confirmed\",\"a\r\nb\"\r\n"
      "\"1\",\"10.0.0.1\",\"6\",\"Info\",\n";
  Outcome out = parse_as(Doc::kDetectionCsv, body);
  ASSERT_TRUE(out.ok()) << out.error->message;
  ASSERT_EQ(out.detections.size(), 2u);
  EXPECT_EQ(out.detections[0].second.results, "a\r\nb");  // inside quotes, kept exactly
  EXPECT_EQ(out.detections[1].second.results, std::nullopt);
  EXPECT_EQ(out.host_ends.size(), 1u);
}

TEST(DetectionCsvParser, CutBeforeTheFooterIsMalformed) {
  std::string body = read_file(own_fixture("hld_truncated.csv"));
  body.resize(body.find("----BEGIN_RESPONSE_FOOTER_CSV"));
  Outcome out = parse_as(Doc::kDetectionCsv, body);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kMalformed);
  EXPECT_FALSE(out.warning.has_value());
}

TEST(DetectionCsvParser, EveryTruncationFails) {
  const std::string body = read_file(own_fixture("hld_truncated.csv"));
  const size_t complete = body.rfind("----END_RESPONSE_FOOTER_CSV") + 27;
  for (size_t cut = 0; cut < complete; ++cut) {
    Outcome out = parse_as(Doc::kDetectionCsv, std::string_view(body).substr(0, cut));
    EXPECT_FALSE(out.ok()) << "cut at " << cut << " parsed as complete";
  }
}

TEST(DetectionCsvParser, RowWithWrongFieldCount) {
  Outcome out = parse_as(Doc::kDetectionCsv,
                         "----BEGIN_RESPONSE_BODY_CSV\n\"Host ID\",\"QID\"\n\"1\",\"2\",\"3\"\n");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kMalformed);
  EXPECT_EQ(out.error->message, "malformed CSV: line 3: 3 fields, the column row has 2");
}

TEST(DetectionCsvParser, BadNumberNamesColumnAndLine) {
  Outcome out = parse_as(Doc::kDetectionCsv, "\"Host ID\",\"QID\"\n\"1\",\"x\"\n");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->message,
            "malformed CSV: line 2: element QID: 'x' is not a non-negative integer");
}

TEST(DetectionCsvParser, SimpleReturnErrorBodyIsTheQualysError) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_as(Doc::kDetectionCsv,
                         read_file(shared_fixture("simple_return_1905_hld_bad_ids_http400_j1.xml")),
                         in_chunks(3));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kApi);
  EXPECT_EQ(out.error->qualys_code, 1905);
}

TEST(DetectionCsvParser, ChunkedParsesAreIdentical) {
  for (const char* name : {"hld_truncated.csv", "hld_suppressed_finished.csv"}) {
    const std::string body = read_file(own_fixture(name));
    const Outcome reference = parse_as(Doc::kDetectionCsv, body);
    ASSERT_TRUE(reference.ok()) << name;
    for (size_t size : {1, 2, 7, 4096}) {
      EXPECT_EQ(parse_as(Doc::kDetectionCsv, body, in_chunks(size)), reference)
          << name << " in chunks of " << size;
    }
  }
}

}  // namespace
}  // namespace qvm::test
