// A list of structured items as one list cell.
#pragma once

#include <string>
#include <vector>

#include "qvm/writers.hpp"

namespace qvm::report {

template <class T, class F>
FieldValue list_of(const std::vector<T>& items, F text_of) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items)
    out.push_back(text_of(item));
  return out;
}

}  // namespace qvm::report
