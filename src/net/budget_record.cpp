// Text form of a budget record: one "key value" per line, one "call pid token" per reservation.
#include "net/budget_record.hpp"

#include <sstream>

namespace qvm::net {

std::string serialize_budget(const BudgetRecord& r) {
  std::ostringstream out;
  out << "metering " << static_cast<int>(r.metering) << '\n'
      << "limit " << r.limit << '\n'
      << "window " << r.window_sec << '\n'
      << "remaining " << r.remaining << '\n'
      << "concurrency " << r.concurrency << '\n'
      << "recorded_ms " << r.recorded_ms << '\n'
      << "wait_until_ms " << r.wait_until_ms << '\n';
  for (const auto& call : r.calls)
    out << "call " << call.pid << ' ' << call.token << '\n';
  return out.str();
}

BudgetRecord parse_budget(std::string_view text) {
  BudgetRecord r;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string key;
    fields >> key;
    if (key == "metering") {
      int m = 0;
      if (fields >> m && m >= 0 && m <= 2) r.metering = static_cast<Metering>(m);
    } else if (key == "limit") {
      fields >> r.limit;
    } else if (key == "window") {
      fields >> r.window_sec;
    } else if (key == "remaining") {
      fields >> r.remaining;
    } else if (key == "concurrency") {
      fields >> r.concurrency;
    } else if (key == "recorded_ms") {
      fields >> r.recorded_ms;
    } else if (key == "wait_until_ms") {
      fields >> r.wait_until_ms;
    } else if (key == "call") {
      BudgetRecord::Call call;
      if (fields >> call.pid >> call.token) r.calls.push_back(call);
    }
  }
  return r;
}

}  // namespace qvm::net
