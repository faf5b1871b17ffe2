// Both push parser backends (expat and the fast tokenizer) on hostile and odd input: truncation,
// mismatched tags, invalid UTF-8, XXE, billion laughs, comments and PIs anywhere, DOCTYPE forms,
// chunked text. Every test runs once per backend.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/fixtures.hpp"
#include "xml/push_parser.hpp"

namespace qvm::test {
namespace {

// Records events as lines: "<name a=v>", "text", "</name>"; adjacent text pieces are joined so
// that the record does not depend on where expat split the text.
class EventLog final : public xml::Handler {
 public:
  bool on_start(std::string_view name, std::span<const xml::Attribute> attributes) override {
    std::string line = "<" + std::string(name);
    for (const auto& a : attributes)
      line += " " + std::string(a.name) + "=" + std::string(a.value);
    events.push_back(line + ">");
    in_text = false;
    return true;
  }
  bool on_text(std::string_view text) override {
    if (!in_text) events.emplace_back();
    events.back() += text;
    in_text = true;
    return true;
  }
  bool on_end(std::string_view name) override {
    events.push_back("</" + std::string(name) + ">");
    in_text = false;
    return true;
  }
  std::vector<std::string> events;
  bool in_text = false;
};

struct Parsed {
  Status status;
  std::vector<std::string> events;
};

class PushParser : public ::testing::TestWithParam<xml::Backend> {
 protected:
  Parsed parse(std::string_view doc, size_t chunk = 0) const;
};

Parsed PushParser::parse(std::string_view doc, size_t chunk) const {
  EventLog log;
  auto parser = xml::make_push_parser(GetParam(), log);
  Status status;
  if (chunk == 0) chunk = doc.size() + 1;
  for (size_t at = 0; at < doc.size() && status; at += chunk) {
    status = parser->feed(doc.substr(at, chunk));
  }
  if (status) status = parser->finish();
  return {status, log.events};
}

// Only element structure and non-blank text, for documents with indentation.
std::vector<std::string> structure(const std::vector<std::string>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) {
    if (e.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(e);
  }
  return out;
}

TEST_P(PushParser, TruncatedDocumentsFailAtEveryCut) {
  const std::string doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<!DOCTYPE R SYSTEM \"x.dtd\">\n"
      "<R><RESPONSE><DATETIME>2024-01-31T12:00:00Z</DATETIME><T a=\"1\"><![CDATA[x\ty]]></T>"
      "<!-- keep-alive --></RESPONSE></R>";
  const size_t root_closed = doc.size();
  for (size_t cut = 0; cut < root_closed; ++cut) {
    Parsed p = parse(std::string_view(doc).substr(0, cut), 3);
    ASSERT_FALSE(p.status.has_value()) << "cut at " << cut;
    EXPECT_EQ(p.status.error().kind, ErrorKind::kMalformed);
    EXPECT_TRUE(p.status.error().message.starts_with("line ")) << p.status.error().message;
  }
  EXPECT_TRUE(parse(doc, 3).status.has_value());
}

TEST_P(PushParser, TruncatedRecordingsFail) {
  QVM_REQUIRE_SHARED_FIXTURES();
  for (const char* name : {"kb_vuln_list_tinykb_skyleach.xml", "qps_hostasset_ec2_fixture_j1.xml",
                           "host_list_detection_docsample_reformatted_j1.xml"}) {
    const std::string doc = read_file(shared_fixture(name));
    const size_t root_end = doc.find('>', doc.rfind("</"));
    for (size_t cut = 0; cut <= root_end; cut += 17) {
      ASSERT_FALSE(parse(std::string_view(doc).substr(0, cut)).status.has_value())
          << name << " cut at " << cut;
    }
  }
}

TEST_P(PushParser, MismatchedTagsNameLineAndColumn) {
  Parsed p = parse("<a>\n  <b></a></b>");
  ASSERT_FALSE(p.status.has_value());
  EXPECT_EQ(p.status.error().kind, ErrorKind::kMalformed);
  EXPECT_EQ(p.status.error().message, "line 2, column 8: mismatched tag");
}

TEST_P(PushParser, InvalidUtf8IsRefused) {
  for (std::string bad :
       {std::string("<a>\xff\xfe</a>"), std::string("<a>\xc0\xaf</a>"),
        std::string("<a>ok \xe2\x82</a>"), std::string("<a x=\"\xed\xa0\x80\"/>")}) {
    Parsed p = parse(bad);
    ASSERT_FALSE(p.status.has_value()) << "accepted invalid UTF-8";
    EXPECT_EQ(p.status.error().kind, ErrorKind::kMalformed);
    EXPECT_NE(p.status.error().message.find("invalid token"), std::string::npos)
        << p.status.error().message;
  }
  // Valid multi-byte text passes through untouched.
  Parsed ok = parse("<a>caf\xc3\xa9 \xe2\x82\xac</a>");
  ASSERT_TRUE(ok.status.has_value());
  EXPECT_EQ(ok.events, (std::vector<std::string>{"<a>", "caf\xc3\xa9 \xe2\x82\xac", "</a>"}));
}

TEST_P(PushParser, ExternalEntityIsRefusedAndTheFileNeverRead) {
  const auto secret = std::filesystem::temp_directory_path() / "qvm_xxe_secret.txt";
  {
    std::ofstream out(secret);
    out << "TOP-SECRET-XXE-CONTENT";
  }
  const std::string doc =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n  <!ENTITY xxe SYSTEM \"file://" + secret.string() +
      "\">\n]>\n<r>&xxe;</r>";
  Parsed p = parse(doc);
  std::filesystem::remove(secret);
  ASSERT_FALSE(p.status.has_value());
  EXPECT_EQ(p.status.error().kind, ErrorKind::kMalformed);
  EXPECT_NE(p.status.error().message.find("entity declarations are refused"), std::string::npos)
      << p.status.error().message;
  EXPECT_NE(p.status.error().message.find("'xxe'"), std::string::npos);
  for (const auto& e : p.events)
    EXPECT_EQ(e.find("TOP-SECRET"), std::string::npos);
  EXPECT_TRUE(p.events.empty());
}

TEST_P(PushParser, ExternalDtdIsNeverLoaded) {
  // A DOCTYPE pointing at a local file: the file is not read, and an entity it might have
  // defined stays unexpanded.
  Parsed p = parse("<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r>a&undefined;b</r>");
  ASSERT_TRUE(p.status.has_value()) << p.status.error().message;
  for (const auto& e : p.events)
    EXPECT_EQ(e.find("root:"), std::string::npos);
  EXPECT_EQ(p.events, (std::vector<std::string>{"<r>", "ab", "</r>"}));
}

TEST_P(PushParser, BillionLaughsFailsFastOnTheFirstDeclaration) {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    doc += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j)
      doc += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    doc += "\">\n";
  }
  doc += "]>\n<lolz>&lol9;</lolz>";
  Parsed p = parse(doc);
  ASSERT_FALSE(p.status.has_value());
  EXPECT_EQ(p.status.error().message,
            "line 3, column 15: the document declares entity 'lol'; entity declarations are "
            "refused (protection against external-entity and entity-expansion attacks)");
  EXPECT_TRUE(p.events.empty());  // stopped before the root element, nothing expanded
}

TEST_P(PushParser, ParameterEntitiesAreRefusedToo) {
  Parsed p = parse("<!DOCTYPE r [<!ENTITY % pe SYSTEM \"file:///etc/passwd\"> %pe;]><r/>");
  ASSERT_FALSE(p.status.has_value());
  EXPECT_NE(p.status.error().message.find("entity declarations are refused"), std::string::npos)
      << p.status.error().message;
}

TEST_P(PushParser, CommentsAndProcessingInstructionsAnywhereAreIgnored) {
  const std::string doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
      "<!-- This report was generated with an evaluation version of Qualys //-->\n"
      "<?xml-stylesheet href=\"x.xsl\"?>\n"
      "<R><!-- keep-alive for R  --><A>x<!-- inside text -->y<?pi data?>z</A><?pi?></R>\n"
      "<!-- CONFIDENTIAL AND PROPRIETARY INFORMATION. //-->\n<?after root?>\n";
  for (size_t chunk : {0, 1, 5}) {
    Parsed p = parse(doc, chunk);
    ASSERT_TRUE(p.status.has_value()) << p.status.error().message;
    EXPECT_EQ(p.events, (std::vector<std::string>{"<R>", "<A>", "xyz", "</A>", "</R>"}))
        << "chunk " << chunk;
  }
}

TEST_P(PushParser, DoctypeWithEmptySystemIdAndNoDeclaration) {
  Parsed p = parse(
      "<!DOCTYPE KNOWLEDGE_BASE_VULN_LIST_OUTPUT SYSTEM \"\">\n"
      "<KNOWLEDGE_BASE_VULN_LIST_OUTPUT><RESPONSE/></KNOWLEDGE_BASE_VULN_LIST_OUTPUT>");
  ASSERT_TRUE(p.status.has_value()) << p.status.error().message;
  EXPECT_EQ(structure(p.events),
            (std::vector<std::string>{"<KNOWLEDGE_BASE_VULN_LIST_OUTPUT>", "<RESPONSE>",
                                      "</RESPONSE>", "</KNOWLEDGE_BASE_VULN_LIST_OUTPUT>"}));
}

TEST_P(PushParser, ErrorBodyWithoutXmlDeclaration) {
  QVM_REQUIRE_SHARED_FIXTURES();
  Parsed p = parse(read_file(shared_fixture("simple_return_1905_kb_bad_ids_http400_j1.xml")), 1);
  ASSERT_TRUE(p.status.has_value()) << p.status.error().message;
  EXPECT_EQ(structure(p.events),
            (std::vector<std::string>{
                "<SIMPLE_RETURN>", "<RESPONSE>", "<DATETIME>", "2020-10-07T17:46:20Z",
                "</DATETIME>", "<CODE>", "1905", "</CODE>", "<TEXT>",
                "parameter ids has invalid value: abc123 (neither a positive integer nor a "
                "range: abc123)",
                "</TEXT>", "</RESPONSE>", "</SIMPLE_RETURN>"}));
}

TEST_P(PushParser, CdataKeepsEscapesAndWhitespaceEntitiesDecodeOutsideIt) {
  Parsed p = parse("<a><![CDATA[doesn&apos;t\t<P> ]]>&apos;&lt;</a>", 1);
  ASSERT_TRUE(p.status.has_value());
  EXPECT_EQ(p.events, (std::vector<std::string>{"<a>", "doesn&apos;t\t<P> '<", "</a>"}));
}

TEST_P(PushParser, ContentAfterTheRootIsMalformed) {
  Parsed p = parse("<a/><b/>");
  ASSERT_FALSE(p.status.has_value());
  EXPECT_EQ(p.status.error().kind, ErrorKind::kMalformed);
}

TEST_P(PushParser, HandlerStopIsReportedAsAborted) {
  struct Stopper final : xml::Handler {
    bool on_start(std::string_view, std::span<const xml::Attribute>) override { return false; }
    bool on_text(std::string_view) override { return true; }
    bool on_end(std::string_view) override { return true; }
  } stopper;
  auto parser = xml::make_push_parser(GetParam(), stopper);
  auto status = parser->feed("<a><b/></a>");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().message, xml::kAborted);
  // Once failed, the parser stays failed.
  EXPECT_FALSE(parser->finish().has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, PushParser,
                         ::testing::Values(xml::Backend::kExpat, xml::Backend::kFast),
                         [](const auto& param_info) {
                           return param_info.param == xml::Backend::kExpat ? "Expat" : "Fast";
                         });

}  // namespace
}  // namespace qvm::test
