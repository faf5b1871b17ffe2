// Deterministic pseudo-randomness for the generated dataset: every value is a pure function of
// (seed, index, …), so any record can be produced on its own, in any order, on any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace qvm::sim {

// splitmix64 finaliser: a good avalanche for sequential inputs.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0,
                            std::uint64_t d = 0) {
  return mix64(mix64(mix64(mix64(a) ^ b) ^ c) ^ d);
}

// A stream of values drawn from one hash: draw() never repeats within a record.
class Draw {
 public:
  explicit Draw(std::uint64_t state) : state_(state) {}
  std::uint64_t next() { return state_ = mix64(state_); }
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

 private:
  std::uint64_t state_;
};

}  // namespace qvm::sim
