// A compact binary form of a row of cells, for rows that must wait on disk (the vulns report
// holds detections while it fetches their KnowledgeBase entries) or in the KB cache.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qvm/writers.hpp"

namespace qvm::report {

// Appends `row` to `out`: a cell count, then per cell a type byte and its payload.
void encode_row(std::span<const FieldValue> row, std::string& out);
// Decodes one row from the front of `in` and advances it; nullopt when `in` is malformed.
std::optional<std::vector<FieldValue>> decode_row(std::string_view& in);

// Rows in an unnamed temporary file (removed by the OS when closed), written then read back
// once in order.
class RowSpill {
 public:
  RowSpill();
  ~RowSpill();
  RowSpill(const RowSpill&) = delete;
  RowSpill& operator=(const RowSpill&) = delete;

  Status append(std::span<const FieldValue> row);
  // Rewinds for reading; each call of next() then gives the following row.
  Status rewind();
  Result<std::optional<std::vector<FieldValue>>> next();
  std::size_t rows() const { return rows_; }

 private:
  std::FILE* file_;
  std::string buffer_;
  std::size_t rows_ = 0;
};

}  // namespace qvm::report
