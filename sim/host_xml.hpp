// HOST element parts shared by the host list and the HLD (tags, metadata, cloud tags, DNS data).
#pragma once

#include "qvm/host.hpp"
#include "xml_writer.hpp"

namespace qvm::sim {

void write_dns_data(XmlWriter& w, const Host& h);
void write_tags(XmlWriter& w, const Host& h);
// METADATA for the providers `which` selects: "all", "ec2", "azure" or "google".
void write_metadata(XmlWriter& w, const Host& h, std::string_view which);
void write_cloud_tags(XmlWriter& w, const Host& h);
// "<!-- keep-alive for ROOT  -->" as recorded: own line, two spaces before "-->".
void write_keepalive(std::string& out, std::string_view root);
// WARNING 1980 with the absolute URL of the next page in CDATA.
void write_truncation_warning(XmlWriter& w, std::uint64_t limit, const std::string& url);

}  // namespace qvm::sim
