// A record's columns stated once: name and how to read the cell.
#pragma once

#include <string>
#include <vector>

#include "qvm/record_rows.hpp"

namespace qvm::report {

template <class Record>
struct Column {
  std::string name;
  FieldValue (*get)(const Record&);
};

template <class Record>
std::vector<std::string> column_names(const std::vector<Column<Record>>& columns) {
  std::vector<std::string> names;
  for (const auto& c : columns)
    names.push_back(c.name);
  return names;
}

template <class Record>
void fill_row(const std::vector<Column<Record>>& columns, const Record& record,
              std::vector<FieldValue>& out) {
  for (const auto& c : columns)
    out.push_back(c.get(record));
}

}  // namespace qvm::report

// {"qid", [](const Detection& r) { return to_field(r.qid); }}
#define QVM_COLUMN(Record, member)                                                          \
  {                                                                                         \
#member, [](const Record& r) -> ::qvm::FieldValue { return ::qvm::to_field(r.member); } \
  }
