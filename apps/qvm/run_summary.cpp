// The end-of-run summary on stderr.
#include "run_summary.hpp"

#include <cstdio>

namespace qvm::cli {

std::string with_commas(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

double RunSummary::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void RunSummary::print(const Client& client, const std::string& what) const {
  std::fprintf(stderr, "qvm: %s in %.1f s\n", what.c_str(), elapsed_seconds());
  auto calls = client.calls();
  long total = 0;
  std::string per_endpoint;
  for (const auto& [endpoint, count] : calls) {
    total += count;
    per_endpoint += "\n  " + endpoint + "  " + std::to_string(count);
  }
  std::fprintf(stderr, "qvm: API calls: %ld%s\n", total, per_endpoint.c_str());
  for (const auto& l : client.limits()) {
    if (l.remaining < 0) continue;
    std::fprintf(stderr, "qvm: limit %s: %ld of %ld calls left in the %ld s window\n",
                 l.endpoint.c_str(), l.remaining, l.limit, l.window_sec);
  }
}

}  // namespace qvm::cli
