// What every parser in the HLD benchmark must report, so that results are checked before their
// time counts: detections, hosts, and the sum of the detections' QIDs.
#pragma once

#include <cstdint>
#include <string_view>

namespace qvm::bench {

struct Tally {
  std::uint64_t detections = 0;
  std::uint64_t hosts = 0;
  std::uint64_t qid_sum = 0;
};

inline std::uint64_t digits_value(std::string_view text) {
  std::uint64_t v = 0;
  for (char c : text)
    if (c >= '0' && c <= '9') v = v * 10 + static_cast<std::uint64_t>(c - '0');
  return v;
}

}  // namespace qvm::bench
