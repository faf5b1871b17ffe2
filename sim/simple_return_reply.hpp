// VM API answers that carry a SIMPLE_RETURN instead of the endpoint's document: errors, login
// texts, and the 409s of the rate (1965) and concurrency (1960) limits with their limit headers.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "limits.hpp"
#include "qvm/timestamp.hpp"
#include "qvm_sim/options.hpp"
#include "reply.hpp"

namespace qvm::sim {

// code 0 = no CODE element; see simple_return() for when the XML declaration is left out.
Reply simple_return_reply(const Options& o, Timestamp now, int status, int code,
                          std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& items = {},
                          bool xml_declaration = true);

// 409 + CODE 1965, asking to wait `limits.to_wait_sec`.
Reply rate_limit_reply(const Options& o, Timestamp now, const LimitSnapshot& limits);
// 409 + CODE 1960, asking for `calls_to_finish` running calls to end first.
Reply concurrency_limit_reply(const Options& o, Timestamp now, const LimitSnapshot& limits,
                              int calls_to_finish);

}  // namespace qvm::sim
