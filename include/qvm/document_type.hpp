// Recognising a saved Qualys response from its first bytes (for `qvm parse`).
#pragma once

#include <optional>
#include <string_view>

namespace qvm {

enum class DocumentType {
  kHostList,              // HOST_LIST_OUTPUT
  kHostListDetection,     // HOST_LIST_VM_DETECTION_OUTPUT
  kHostListDetectionCsv,  // output_format=CSV
  kKnowledgeBase,         // KNOWLEDGE_BASE_VULN_LIST_OUTPUT
  kScanList,              // SCAN_LIST_OUTPUT
  kSimpleReturn,          // SIMPLE_RETURN
  kAbout,                 // ABOUT
  kQpsServiceResponse,    // ServiceResponse
  kUnknown,               // a root element qvm does not read
};

struct DocumentSniff {
  DocumentType type = DocumentType::kUnknown;
  std::string_view root;  // the root element's name (a view into the prefix), if XML
};

// Looks past the BOM, XML declaration, comments, processing instructions and DOCTYPE for the
// root element. Returns nullopt while `prefix` is too short to tell.
std::optional<DocumentSniff> sniff_document(std::string_view prefix);

std::string_view document_type_name(DocumentType type);

}  // namespace qvm
