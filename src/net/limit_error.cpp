// Wording of the limit-exhausted error.
#include "net/limit_error.hpp"

#include <string>

#include "qvm/timestamp.hpp"

namespace qvm::net {

Error limit_exhausted_error(std::string_view endpoint, WallTime now, WallTime next_call,
                            int qualys_code) {
  using namespace std::chrono;
  auto at = ceil<seconds>(next_call);
  long wait = static_cast<long>(duration_cast<seconds>(at - now).count());
  std::string when = format_timestamp(sys_seconds(at.time_since_epoch()));
  return Error{ErrorKind::kLimit,
               "API limit of " + std::string(endpoint) + " exhausted: next call accepted at " +
                   when + " (in " + std::to_string(wait) + " s)",
               "try again after " + when + ", or allow a longer wait with --max-wait", qualys_code};
}

}  // namespace qvm::net
