// The last known limit budget of one endpoint, and the calls reserved against it. Kept in memory
// or, shared between qvm processes, in a small text file (see budget_store.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qvm::net {

enum class Metering {
  kUnknown,    // no response seen yet
  kMetered,    // the endpoint sends limit headers
  kUnmetered,  // it answered without them (session API, QPS): no limit applies
};

struct BudgetRecord {
  Metering metering = Metering::kUnknown;
  long limit = -1;                 // calls per window, -1 unknown
  long window_sec = -1;            // window length
  long remaining = -1;             // calls left after the reservations below; -1 unknown
  long concurrency = -1;           // calls allowed at once; -1 unknown
  std::int64_t recorded_ms = 0;    // unix ms when `remaining` was learnt from the server
  std::int64_t wait_until_ms = 0;  // no call before this unix ms time

  struct Call {  // a reservation: a call in flight
    long pid = 0;
    std::uint64_t token = 0;
    bool operator==(const Call&) const = default;
  };
  std::vector<Call> calls;
};

// "key value" lines; unknown lines are ignored so newer files stay readable.
std::string serialize_budget(const BudgetRecord& record);
BudgetRecord parse_budget(std::string_view text);

}  // namespace qvm::net
