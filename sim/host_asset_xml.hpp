// One HostAsset element as QPS writes it: optional fields left out when absent, each list as
// <name><list>…</list></name>, or <name><list/></name> when empty.
#pragma once

#include "qvm/host_asset.hpp"
#include "xml_writer.hpp"

namespace qvm::sim {

void write_host_asset(XmlWriter& w, const HostAsset& a);

}  // namespace qvm::sim
