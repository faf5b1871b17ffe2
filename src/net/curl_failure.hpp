// Turning a libcurl result code into a Failure with a message that says what failed, why, and
// what to do.
#pragma once

#include <string_view>

#include "net/failure.hpp"

namespace qvm::net {

// `what` names the call ("GET https://host/path"), `detail` is libcurl's error buffer.
// `got_response` tells a reset before any response from one in the middle of a body.
Failure curl_failure(int curl_code, std::string_view what, std::string_view detail,
                     bool got_response);

}  // namespace qvm::net
