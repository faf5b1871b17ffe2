// The frame every VM API document shares, byte for byte as recorded: XML declaration with the
// space before "?>", DOCTYPE on the platform host, optional evaluation banner, the confidentiality
// comment after the root; plus SIMPLE_RETURN and the Apache pages of the front end.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qvm/timestamp.hpp"
#include "qvm_sim/options.hpp"

namespace qvm::sim {

// DOCTYPE system path of a root element ("/api/2.0/…/output.dtd"), new or old style.
std::string_view dtd_path(std::string_view root, bool old_paths);

// Everything up to and including "<ROOT>".
std::string vm_prolog(const Options& o, std::string_view root, bool xml_declaration = true);
// "\n</ROOT>\n" and the trailing comments.
std::string vm_epilogue(const Options& o, std::string_view root, Timestamp now);

// SIMPLE_RETURN; code 0 = no CODE element (success texts). 400 errors are sent without the XML
// declaration, as recorded.
std::string simple_return(const Options& o, Timestamp now, int code, std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& items = {},
                          bool xml_declaration = true);

std::string apache_301_page(std::string_view location_for_page);
std::string apache_414_page();
// The Apache error page of any other status ("404 Not Found", "503 Service Unavailable").
std::string apache_error_page(int status, std::string_view title, std::string_view text);

}  // namespace qvm::sim
