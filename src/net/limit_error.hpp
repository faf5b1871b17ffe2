// The error for a limit whose wait is longer than the user allows (--max-wait): it says when the
// next call will be accepted, as an absolute UTC time.
#pragma once

#include <string_view>

#include "net/clock.hpp"
#include "qvm/error.hpp"

namespace qvm::net {

Error limit_exhausted_error(std::string_view endpoint, WallTime now, WallTime next_call,
                            int qualys_code = 0);

}  // namespace qvm::net
