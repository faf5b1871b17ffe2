// Recognising saved responses from their first bytes.
#include "qvm/document_type.hpp"

#include <gtest/gtest.h>

namespace qvm {
namespace {

TEST(SniffDocument, FindsRootPastDeclarationDoctypeAndComments) {
  auto sniff = sniff_document(
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
      "<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM\n  \"https://x/output.dtd\">\n"
      "<!-- This report was generated with an evaluation version of Qualys //-->\n"
      "<HOST_LIST_VM_DETECTION_OUTPUT>\n");
  ASSERT_TRUE(sniff);
  EXPECT_EQ(sniff->type, DocumentType::kHostListDetection);
  EXPECT_EQ(sniff->root, "HOST_LIST_VM_DETECTION_OUTPUT");
}

TEST(SniffDocument, HandlesDoctypeWithInternalSubset) {
  auto sniff = sniff_document("<!DOCTYPE a [<!ENTITY x \">\">]><SIMPLE_RETURN>");
  ASSERT_TRUE(sniff);
  EXPECT_EQ(sniff->type, DocumentType::kSimpleReturn);
}

TEST(SniffDocument, NeedsMoreBytesForAnUnfinishedProlog) {
  EXPECT_FALSE(sniff_document("<?xml version=\"1.0\""));
  EXPECT_FALSE(sniff_document("<!-- comment"));
  EXPECT_FALSE(sniff_document("<KNOWLEDGE_BASE"));
  EXPECT_FALSE(sniff_document("  "));
}

TEST(SniffDocument, RecognisesEveryRootAndCsv) {
  EXPECT_EQ(sniff_document("<HOST_LIST_OUTPUT>")->type, DocumentType::kHostList);
  EXPECT_EQ(sniff_document("<KNOWLEDGE_BASE_VULN_LIST_OUTPUT>")->type,
            DocumentType::kKnowledgeBase);
  EXPECT_EQ(sniff_document("<SCAN_LIST_OUTPUT>")->type, DocumentType::kScanList);
  EXPECT_EQ(sniff_document("<ABOUT>")->type, DocumentType::kAbout);
  EXPECT_EQ(sniff_document("<ServiceResponse xmlns:xsi=\"x\">")->type,
            DocumentType::kQpsServiceResponse);
  EXPECT_EQ(sniff_document("----BEGIN_RESPONSE_HEADER_CSV\n")->type,
            DocumentType::kHostListDetectionCsv);
  EXPECT_EQ(sniff_document("<html>")->type, DocumentType::kUnknown);
  EXPECT_EQ(sniff_document("{\"json\": 1}")->type, DocumentType::kUnknown);
}

}  // namespace
}  // namespace qvm
