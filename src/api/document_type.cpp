// Finds the root element of a saved response without parsing the document, so that `qvm parse`
// can pick the streaming parser before it reads the body.
#include "qvm/document_type.hpp"

namespace qvm {
namespace {

DocumentType type_of_root(std::string_view root) {
  if (root == "HOST_LIST_OUTPUT") return DocumentType::kHostList;
  if (root == "HOST_LIST_VM_DETECTION_OUTPUT") return DocumentType::kHostListDetection;
  if (root == "KNOWLEDGE_BASE_VULN_LIST_OUTPUT") return DocumentType::kKnowledgeBase;
  if (root == "SCAN_LIST_OUTPUT") return DocumentType::kScanList;
  if (root == "SIMPLE_RETURN") return DocumentType::kSimpleReturn;
  if (root == "ABOUT") return DocumentType::kAbout;
  if (root == "ServiceResponse") return DocumentType::kQpsServiceResponse;
  return DocumentType::kUnknown;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Skips a DOCTYPE, which may hold an internal subset in brackets.
std::optional<size_t> end_of_doctype(std::string_view s, size_t pos) {
  bool in_subset = false;
  char quote = 0;
  for (size_t i = pos; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      in_subset = true;
    } else if (c == ']') {
      in_subset = false;
    } else if (c == '>' && !in_subset) {
      return i + 1;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<DocumentSniff> sniff_document(std::string_view s) {
  size_t pos = 0;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (true) {
    while (pos < s.size() && is_space(s[pos]))
      ++pos;
    if (pos >= s.size()) return std::nullopt;
    std::string_view rest = s.substr(pos);
    if (rest.substr(0, 4) == "----" || rest.substr(0, 9) == "\"Host ID\"") {
      return DocumentSniff{DocumentType::kHostListDetectionCsv, {}};
    }
    if (rest[0] != '<') return DocumentSniff{DocumentType::kUnknown, {}};
    if (rest.size() < 4) return std::nullopt;
    size_t end;
    if (rest.substr(0, 4) == "<!--") {
      end = rest.find("-->");
      if (end == std::string_view::npos) return std::nullopt;
      pos += end + 3;
    } else if (rest[1] == '?') {
      end = rest.find("?>");
      if (end == std::string_view::npos) return std::nullopt;
      pos += end + 2;
    } else if (rest[1] == '!') {
      auto doctype_end = end_of_doctype(rest, 2);
      if (!doctype_end) return std::nullopt;
      pos += *doctype_end;
    } else {
      size_t name_end = 1;
      while (name_end < rest.size() && !is_space(rest[name_end]) && rest[name_end] != '>' &&
             rest[name_end] != '/') {
        ++name_end;
      }
      if (name_end == rest.size()) return std::nullopt;
      std::string_view root = rest.substr(1, name_end - 1);
      return DocumentSniff{type_of_root(root), root};
    }
  }
}

std::string_view document_type_name(DocumentType type) {
  switch (type) {
    case DocumentType::kHostList:
      return "host list (HOST_LIST_OUTPUT)";
    case DocumentType::kHostListDetection:
      return "host list detection (HOST_LIST_VM_DETECTION_OUTPUT)";
    case DocumentType::kHostListDetectionCsv:
      return "host list detection CSV";
    case DocumentType::kKnowledgeBase:
      return "KnowledgeBase (KNOWLEDGE_BASE_VULN_LIST_OUTPUT)";
    case DocumentType::kScanList:
      return "scan list (SCAN_LIST_OUTPUT)";
    case DocumentType::kSimpleReturn:
      return "SIMPLE_RETURN";
    case DocumentType::kAbout:
      return "ABOUT";
    case DocumentType::kQpsServiceResponse:
      return "QPS ServiceResponse";
    case DocumentType::kUnknown:
      return "unknown document";
  }
  return "unknown document";
}

}  // namespace qvm
