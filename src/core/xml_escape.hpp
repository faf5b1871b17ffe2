// Escaping of text and attribute values for XML, shared by the request bodies qvm sends (QPS
// ServiceRequest) and the documents qvm-sim writes.
#pragma once

#include <string>
#include <string_view>

namespace qvm::core {

// &, <, > and " are always escaped. The apostrophe is a choice because the two writers differ
// on the wire: qvm-sim escapes it as Qualys does in its documents, while the QPS request bodies
// qvm sends put values in double quotes and have always left it as is.
enum class Apostrophe { kKeep, kEscape };

// Appends the escaped text to `out`, so streamed writers need no temporary string.
void append_xml_escaped(std::string& out, std::string_view text, Apostrophe apostrophe);
std::string xml_escape(std::string_view text, Apostrophe apostrophe);

}  // namespace qvm::core
