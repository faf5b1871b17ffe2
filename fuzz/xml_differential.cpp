// libFuzzer target: the fast tokenizer against expat on arbitrary bytes. The first two bytes pick
// where the document is cut into feed() calls; the backends must report identical events or
// both fail (tests/unit/xml/event_stream.cpp decides), and the fast tokenizer must not crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "unit/xml/event_stream.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t stride = 1 + data[0] % 64;  // 1..64-byte chunks, shifted by data[1]
  const std::string_view doc(reinterpret_cast<const char*>(data) + 2, size - 2);
  std::vector<std::size_t> cuts;
  for (std::size_t at = data[1] % stride + 1; at < doc.size(); at += stride)
    cuts.push_back(at);
  for (const auto& split : {std::vector<std::size_t>{}, cuts}) {
    const std::string why = qvm::test::disagreement(doc, split);
    if (!why.empty()) {
      std::fprintf(stderr, "backends disagree (%zu cuts, stride %zu): %s\n", split.size(), stride,
                   why.c_str());
      std::abort();
    }
  }
  return 0;
}
