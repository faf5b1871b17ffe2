// A large, realistic host-detection response from the qvm-sim binary (spawned on a free port and
// fetched with curl), for differential tests of the XML backends.
#pragma once

#include <cstdint>
#include <string>

namespace qvm::test {

// The body of one unpaged HLD call (with RESULTS) over `hosts` hosts; empty when qvm-sim or
// curl is unavailable.
std::string simulator_document(std::uint64_t hosts);

}  // namespace qvm::test
