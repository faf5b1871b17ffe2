// KNOWLEDGE_BASE_VULN_LIST_OUTPUT against the real recordings (keep-alive comments, CVSS
// source attribute, COMPLIANCE with an unknown child) and an own document covering the rest of
// the DTD: CORRELATION, CVSS_V3, THREAT_INTELLIGENCE, CHANGE_LOG, ID_SET.
#include <gtest/gtest.h>

#include "parse_any.hpp"
#include "support/fixtures.hpp"

namespace qvm::test {
namespace {

Outcome parse_fixture(const std::string& name) {
  return parse_as(Doc::kKnowledgeBase, read_file(shared_fixture(name)));
}

TEST(KnowledgeBaseParser, SingleVulnWithKeepAliveComment) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("kb_vuln_single_keepalive_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2020-10-07T17:46:23Z"));
  ASSERT_EQ(out.vulns.size(), 1u);

  Vuln v;
  v.qid = 316760;
  v.vuln_type = "Vulnerability or Potential Vulnerability";
  v.severity_level = 3;
  v.title =
      "Cisco IOS XE Software Command Injection Vulnerability (cisco-sa-iosxe-cmdinj-2MzhjM6K)";
  v.category = "Cisco";
  v.last_service_modification_datetime = ts("2020-10-07T13:02:59Z");
  v.published_datetime = ts("2020-10-07T12:11:44Z");
  v.patchable = true;
  v.software_list = {{"ios_xe", "cisco"}};
  v.vendor_reference_list = {
      {"cisco-sa-iosxe-cmdinj-2MzhjM6K",
       "https://tools.cisco.com/security/center/content/CiscoSecurityAdvisory/"
       "cisco-sa-iosxe-cmdinj-2MzhjM6K"}};
  v.cve_list = {{"CVE-2020-3403", "http://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2020-3403"}};
  v.diagnosis =
      "A vulnerability in the CLI of Cisco IOS XE Software could allow an authenticated, local "
      "attacker to inject a command to the underlying operating system that will execute with "
      "root privileges upon the next reboot of the device. The authenticated user must have "
      "privileged EXEC permissions on the device.<P>\n\n<P>QID Detection Logic "
      "(Authenticated):<BR>The check matches Cisco IOS XE version retrieved via Unix Auth using "
      "&quot;show version&quot; command. <BR>QID Detection Logic (Unauthenticated):<BR>The check "
      "matches Cisco IOS XE version retrieved via SNMP or TCP/IP Fingerprint or NTP or Telnet. "
      "<BR>";
  v.consequence =
      " A successful exploit could allow the attacker to execute commands with root privileges "
      "each time the affected device is restarted.<P>";
  v.solution =
      "<P>Customers are advised to refer to <A "
      "HREF=\"https://tools.cisco.com/security/center/content/CiscoSecurityAdvisory/"
      "cisco-sa-iosxe-cmdinj-2MzhjM6K\" TARGET=\"_blank\">cisco-sa-iosxe-cmdinj-2MzhjM6K</A> for "
      "more information.\n<P>Patch:<BR>\nFollowing are links for downloading patches to fix the "
      "vulnerabilities:\n<P> <A "
      "HREF=\"https://tools.cisco.com/security/center/content/CiscoSecurityAdvisory/"
      "cisco-sa-iosxe-cmdinj-2MzhjM6K\" TARGET=\"_blank\">cisco-sa-iosxe-cmdinj-2MzhjM6K</A>";
  v.pci_flag = true;
  v.discovery = Discovery{true, {"Unix", "SNMP", "WEBLOGIC_VULN"}, "Patch Available"};
  EXPECT_EQ(out.vulns[0], v);
}

TEST(KnowledgeBaseParser, TinyKbFiveVulnsCvssSourceAndCompliance) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("kb_vuln_list_tinykb_skyleach.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2015-09-01T15:28:54Z"));
  ASSERT_EQ(out.vulns.size(), 5u);
  std::vector<std::uint64_t> qids;
  for (const Vuln& v : out.vulns)
    qids.push_back(v.qid);
  EXPECT_EQ(qids, (std::vector<std::uint64_t>{6, 9, 11, 32, 1000}));

  const Vuln& v6 = out.vulns[0];
  EXPECT_EQ(v6.vuln_type, "Information Gathered");
  EXPECT_EQ(v6.severity_level, 1);
  EXPECT_EQ(v6.title, "DNS Host Name");
  EXPECT_EQ(v6.category, "Information gathering");
  EXPECT_EQ(v6.last_service_modification_datetime, ts("1999-01-01T08:00:00Z"));
  EXPECT_EQ(v6.patchable, false);
  EXPECT_EQ(v6.consequence, std::nullopt);
  EXPECT_EQ(v6.pci_flag, false);
  EXPECT_EQ(v6.discovery, (Discovery{true, {}, std::nullopt}));
  EXPECT_EQ(v6.cvss, std::nullopt);

  const Vuln& v11 = out.vulns[2];
  EXPECT_EQ(v11.vuln_type, "Vulnerability");
  ASSERT_TRUE(v11.cvss.has_value());
  Cvss cvss;
  cvss.base = "5";
  cvss.base_source = "service";
  cvss.temporal = "3.6";
  EXPECT_EQ(*v11.cvss, cvss);
  EXPECT_EQ(v11.cvss_v3, std::nullopt);
  EXPECT_EQ(v11.consequence,
            "Unauthorized users can build a list of RPC services running on the host. If they "
            "discover vulnerable RPC services on the host, they then can exploit them.\n\n");
  EXPECT_EQ(v11.solution,
            "Firewalling the portmapper port or removing the portmapper service is not sufficient "
            "to prevent unauthorized users from accessing the RPC daemons. You should remove all "
            "RPC services that are not strictly required on this host. \n\n");

  const Vuln& v32 = out.vulns[3];
  EXPECT_EQ(v32.published_datetime, ts("2000-11-22T18:29:32Z"));
  EXPECT_EQ(v32.diagnosis, std::nullopt);

  const Vuln& v1000 = out.vulns[4];
  EXPECT_EQ(v1000.vuln_type, "Potential Vulnerability");
  EXPECT_EQ(v1000.severity_level, 4);
  EXPECT_EQ(v1000.last_service_modification_datetime, ts("2009-06-04T21:40:32Z"));
  ASSERT_EQ(v1000.compliance_list.size(), 2u);
  EXPECT_EQ(
      v1000.compliance_list[0],
      (Compliance{"CobIT", "DS5.9",
                  "Malicious Software Prevention, Detection and Correction\nEnsure that "
                  "preventive, detective and corrective measures are in place (especially "
                  "up-to-date security patches and virus control) across the organization "
                  "to protect information systems and technology from Malware (viruses, "
                  "worms, spyware, spam, internally developed fraudulent software, etc.).\n"}));
  // The unknown <GUY> child of this COMPLIANCE is ignored, not an error.
  EXPECT_EQ(v1000.compliance_list[1],
            (Compliance{"HIPAA", "164.306 and 164.312",
                        "Insuring that Malware is not present on hosts addresses section(s) "
                        "164.306 and 164.312 requirements for securing critical system files and "
                        "services and insuring system integrity."}));
  ASSERT_TRUE(v1000.consequence.has_value());
  EXPECT_NE(v1000.consequence->find("&quot;BackOrifice&quot;"), std::string::npos);
}

TEST(KnowledgeBaseParser, UnknownQidGivesNoVulns) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("kb_vuln_empty_j1.xml");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2020-10-07T17:45:59Z"));
  EXPECT_TRUE(out.vulns.empty());
}

TEST(KnowledgeBaseParser, BadIdsErrorBodyWithoutXmlDeclarationIsAnApiError) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Outcome out = parse_fixture("simple_return_1905_kb_bad_ids_http400_j1.xml");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error->kind, ErrorKind::kApi);
  EXPECT_EQ(out.error->qualys_code, 1905);
  EXPECT_EQ(out.error->message,
            "Qualys 1905: parameter ids has invalid value: abc123 (neither a positive integer nor "
            "a range: abc123)");
  EXPECT_EQ(out.error->hint, "correct the parameter value named in the message");
}

TEST(KnowledgeBaseParser, RestOfTheDtd) {
  const std::string body = R"(<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE KNOWLEDGE_BASE_VULN_LIST_OUTPUT SYSTEM "">
<KNOWLEDGE_BASE_VULN_LIST_OUTPUT>
<REQUEST><DATETIME>2024-01-31T11:59:59Z</DATETIME><USER_LOGIN>u</USER_LOGIN><RESOURCE>r</RESOURCE></REQUEST>
<RESPONSE><DATETIME>2024-01-31T12:00:00Z</DATETIME><VULN_LIST><VULN>
<QID>38739</QID><VULN_TYPE>Vulnerability</VULN_TYPE><SEVERITY_LEVEL>3</SEVERITY_LEVEL><TITLE><![CDATA[T]]></TITLE>
<DETECTION_INFO>info</DETECTION_INFO>
<LAST_CUSTOMIZATION><DATETIME>2023-05-01T00:00:00Z</DATETIME><USER_LOGIN>admin</USER_LOGIN></LAST_CUSTOMIZATION>
<PUBLISHED_DATETIME>2020-01-01T00:00:00Z</PUBLISHED_DATETIME>
<BUGTRAQ_LIST><BUGTRAQ><ID><![CDATA[1234]]></ID><URL><![CDATA[http://www.securityfocus.com/bid/1234]]></URL></BUGTRAQ></BUGTRAQ_LIST>
<PATCHABLE>1</PATCHABLE>
<DIAGNOSIS_COMMENT><![CDATA[dc]]></DIAGNOSIS_COMMENT><SOLUTION_COMMENT><![CDATA[sc]]></SOLUTION_COMMENT>
<CORRELATION><EXPLOITS><EXPLT_SRC><SRC_NAME><![CDATA[ExploitDB]]></SRC_NAME><EXPLT_LIST>
<EXPLT><REF><![CDATA[CVE-2020-1]]></REF><DESC><![CDATA[d1]]></DESC><LINK><![CDATA[http://x/1]]></LINK></EXPLT>
<EXPLT><REF><![CDATA[CVE-2020-2]]></REF><DESC><![CDATA[d2]]></DESC></EXPLT>
</EXPLT_LIST></EXPLT_SRC></EXPLOITS>
<MALWARE><MW_SRC><SRC_NAME><![CDATA[Trend Micro]]></SRC_NAME><MW_LIST><MW_INFO><MW_ID><![CDATA[BKDR_X]]></MW_ID>
<MW_TYPE><![CDATA[Backdoor]]></MW_TYPE><MW_PLATFORM><![CDATA[Windows]]></MW_PLATFORM><MW_RATING><![CDATA[Low]]></MW_RATING>
</MW_INFO></MW_LIST></MW_SRC></MALWARE></CORRELATION>
<CVSS><BASE source="service">7.5</BASE><TEMPORAL>6.2</TEMPORAL><VECTOR_STRING>CVSS:2.0/AV:N</VECTOR_STRING>
<ACCESS><VECTOR>3</VECTOR><COMPLEXITY>1</COMPLEXITY></ACCESS><IMPACT><CONFIDENTIALITY>2</CONFIDENTIALITY>
<INTEGRITY>2</INTEGRITY><AVAILABILITY>2</AVAILABILITY></IMPACT><AUTHENTICATION>1</AUTHENTICATION>
<EXPLOITABILITY>4</EXPLOITABILITY><REMEDIATION_LEVEL>1</REMEDIATION_LEVEL><REPORT_CONFIDENCE>3</REPORT_CONFIDENCE></CVSS>
<CVSS_V3><BASE>9.8</BASE><TEMPORAL>8.8</TEMPORAL><VECTOR_STRING>CVSS:3.1/AV:N</VECTOR_STRING><CVSS3_VERSION>3.1</CVSS3_VERSION>
<ATTACK><VECTOR>Network</VECTOR><COMPLEXITY>Low</COMPLEXITY></ATTACK><IMPACT><CONFIDENTIALITY>High</CONFIDENTIALITY></IMPACT>
<PRIVILEGES_REQUIRED>None</PRIVILEGES_REQUIRED><USER_INTERACTION>None</USER_INTERACTION><SCOPE>Unchanged</SCOPE>
<EXPLOIT_CODE_MATURITY>Functional</EXPLOIT_CODE_MATURITY></CVSS_V3>
<PCI_FLAG>1</PCI_FLAG><AUTOMATIC_PCI_FAIL>0</AUTOMATIC_PCI_FAIL>
<PCI_REASONS><PCI_REASON>r1</PCI_REASON><PCI_REASON>r2</PCI_REASON></PCI_REASONS>
<THREAT_INTELLIGENCE><THREAT_INTEL id="2"><![CDATA[Exploit_Public]]></THREAT_INTEL><THREAT_INTEL id="8"><![CDATA[No_Patch]]></THREAT_INTEL></THREAT_INTELLIGENCE>
<SUPPORTED_MODULES>VM,PCI</SUPPORTED_MODULES>
<DISCOVERY><REMOTE>0</REMOTE></DISCOVERY><IS_DISABLED>0</IS_DISABLED>
<CHANGE_LOG_LIST><CHANGE_LOG_INFO><CHANGE_DATE>2023-06-01T00:00:00Z</CHANGE_DATE><COMMENTS><![CDATA[c1]]></COMMENTS></CHANGE_LOG_INFO></CHANGE_LOG_LIST>
</VULN></VULN_LIST>
<WARNING><TEXT>more</TEXT></WARNING>
</RESPONSE></KNOWLEDGE_BASE_VULN_LIST_OUTPUT>)";
  Outcome out = parse_as(Doc::kKnowledgeBase, body);
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_EQ(out.datetime, ts("2024-01-31T12:00:00Z"));  // RESPONSE's, not REQUEST's
  ASSERT_EQ(out.vulns.size(), 1u);
  const Vuln& v = out.vulns[0];
  EXPECT_EQ(v.detection_info, "info");
  EXPECT_EQ(v.last_customization, (LastCustomization{ts("2023-05-01T00:00:00Z"), "admin"}));
  EXPECT_EQ(v.bugtraq_list,
            (std::vector<Reference>{{"1234", "http://www.securityfocus.com/bid/1234"}}));
  EXPECT_EQ(v.diagnosis_comment, "dc");
  EXPECT_EQ(v.solution_comment, "sc");
  EXPECT_EQ(v.consequence_comment, std::nullopt);

  Correlation correlation;
  correlation.exploits = {
      {"ExploitDB", {{"CVE-2020-1", "d1", "http://x/1"}, {"CVE-2020-2", "d2", std::nullopt}}}};
  correlation.malware = {
      {"Trend Micro", {{"BKDR_X", "Backdoor", "Windows", std::nullopt, "Low", std::nullopt}}}};
  EXPECT_EQ(v.correlation, correlation);

  Cvss v2;
  v2.base = "7.5";
  v2.base_source = "service";
  v2.temporal = "6.2";
  v2.vector_string = "CVSS:2.0/AV:N";
  v2.access_vector = "3";
  v2.access_complexity = "1";
  v2.impact_confidentiality = "2";
  v2.impact_integrity = "2";
  v2.impact_availability = "2";
  v2.authentication = "1";
  v2.exploitability = "4";
  v2.remediation_level = "1";
  v2.report_confidence = "3";
  EXPECT_EQ(v.cvss, v2);

  Cvss v3;
  v3.base = "9.8";
  v3.temporal = "8.8";
  v3.vector_string = "CVSS:3.1/AV:N";
  v3.cvss3_version = "3.1";
  v3.access_vector = "Network";
  v3.access_complexity = "Low";
  v3.impact_confidentiality = "High";
  v3.privileges_required = "None";
  v3.user_interaction = "None";
  v3.scope = "Unchanged";
  v3.exploit_code_maturity = "Functional";
  EXPECT_EQ(v.cvss_v3, v3);

  EXPECT_EQ(v.pci_flag, true);
  EXPECT_EQ(v.automatic_pci_fail, false);
  EXPECT_EQ(v.pci_reasons, (std::vector<std::string>{"r1", "r2"}));
  EXPECT_EQ(v.threat_intelligence,
            (std::vector<ThreatIntel>{{"2", "Exploit_Public"}, {"8", "No_Patch"}}));
  EXPECT_EQ(v.supported_modules, "VM,PCI");
  EXPECT_EQ(v.discovery, (Discovery{false, {}, std::nullopt}));
  EXPECT_EQ(v.is_disabled, false);
  EXPECT_EQ(v.change_log_list, (std::vector<ChangeLog>{{ts("2023-06-01T00:00:00Z"), "c1"}}));
  ASSERT_TRUE(out.warning.has_value());
  EXPECT_EQ(out.warning->code, std::nullopt);  // CODE and URL are optional in the DTD
  EXPECT_EQ(out.warning->text, "more");
  EXPECT_EQ(out.warning->url, std::nullopt);
}

TEST(KnowledgeBaseParser, IdSet) {
  Outcome out = parse_as(Doc::kKnowledgeBase,
                         "<KNOWLEDGE_BASE_VULN_LIST_OUTPUT><RESPONSE><DATETIME>2024-01-31T12:00:00Z"
                         "</DATETIME><ID_SET><ID>6</ID><ID_RANGE>9-11</ID_RANGE></ID_SET>"
                         "</RESPONSE></KNOWLEDGE_BASE_VULN_LIST_OUTPUT>");
  ASSERT_TRUE(out.ok()) << out.error->message;
  EXPECT_TRUE(out.vulns.empty());
  EXPECT_EQ(out.ids, (std::vector<IdRange>{{6, 6}, {9, 11}}));
}

}  // namespace
}  // namespace qvm::test
