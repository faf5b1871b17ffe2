// Shared facts of the generated dataset that several generators need without building whole
// records: KB entry basics (for detections), host lifecycle timing, word lists.
#pragma once

#include <cstdint>
#include <string_view>

namespace qvm::sim {

enum class VulnKind { kVulnerability, kPotential, kInformation, kEither };

struct KbBasics {
  std::uint64_t qid = 0;
  int category = 0;  // index into kb_categories()
  VulnKind kind = VulnKind::kVulnerability;
  int severity = 1;
};

struct KbCategory {
  std::uint64_t qid_base;
  std::string_view name;
};

// QIDs are base + 3*k + jitter inside each category, so categories must not overlap: this many
// entries at most.
inline constexpr std::uint32_t kMaxKbSize = 16000;

KbBasics kb_basics(std::uint64_t seed, std::uint32_t kb_size, std::uint32_t index);
int kb_category_count();
const KbCategory& kb_category(int index);

}  // namespace qvm::sim
