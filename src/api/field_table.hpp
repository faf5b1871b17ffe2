// A table from element name to the record field it fills, so that a parser states each mapping
// once: `{"QID", QVM_FIELD(Detection, qid)}`.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "api/field_assign.hpp"

namespace qvm::api {

template <class Record>
using FieldSetter = Status (*)(Record&, std::string&, std::string_view);

template <class Record>
using FieldTable = std::unordered_map<std::string_view, FieldSetter<Record>>;

// Fills the field named by `name` from `text`; an element the table does not know is ignored
// (Qualys adds elements over time) and reported through `known`.
template <class Record>
Status assign_from_table(const FieldTable<Record>& table, Record& record, std::string_view name,
                         std::string& text, bool* known = nullptr) {
  auto it = table.find(name);
  if (known) *known = it != table.end();
  if (it == table.end()) return {};
  return it->second(record, text, name);
}

}  // namespace qvm::api

#define QVM_FIELD(Record, member)                                               \
  [](Record& r, std::string& text, std::string_view element) -> ::qvm::Status { \
    return ::qvm::api::assign_field(r.member, text, element);                   \
  }
