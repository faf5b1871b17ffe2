// A table from element name to the record field it fills, so that a parser states each mapping
// once: `{"QID", QVM_FIELD(Detection, qid)}`.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/field_assign.hpp"

namespace qvm::api {

template <class Record>
using FieldSetter = Status (*)(Record&, std::string&, std::string_view);

// Looked up once per element of every response, tens of millions of times per GB: an open
// addressing table over a power-of-two array, hashed on the name's length and three of its
// characters (std::unordered_map's string hash, prime modulo and node walk were 10% of a
// `qvm detections` profile). Built once; never modified.
template <class Record>
class FieldTable {
 public:
  FieldTable(std::initializer_list<std::pair<std::string_view, FieldSetter<Record>>> entries) {
    std::size_t capacity = 8;
    while (capacity < entries.size() * 4)
      capacity *= 2;
    slots_.resize(capacity);
    mask_ = capacity - 1;
    for (const auto& [name, setter] : entries) {
      std::size_t i = hash(name) & mask_;
      while (slots_[i].setter && slots_[i].name != name)
        i = (i + 1) & mask_;
      if (!slots_[i].setter) slots_[i] = {name, setter};  // a repeated name: the first wins
    }
  }

  // The setter of `name`, or nullptr.
  const FieldSetter<Record>* find(std::string_view name) const {
    for (std::size_t i = hash(name) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (!slot.setter) return nullptr;
      if (slot.name == name) return &slot.setter;
    }
  }

 private:
  struct Slot {
    std::string_view name;
    FieldSetter<Record> setter = nullptr;
  };
  static std::size_t hash(std::string_view name) {
    if (name.empty()) return 0;
    auto at = [&](std::size_t i) {
      return static_cast<std::size_t>(static_cast<unsigned char>(name[i]));
    };
    return (name.size() * 0x9E3779B1u) ^ (at(0) * 31) ^ (at(name.size() / 2) * 131) ^
           (at(name.size() - 1) * 1031);
  }

  std::vector<Slot> slots_;  // at most a quarter full: a miss ends at an empty slot soon
  std::size_t mask_ = 0;
};

// Fills the field named by `name` from `text`; an element the table does not know is ignored
// (Qualys adds elements over time) and reported through `known`.
template <class Record>
Status assign_from_table(const FieldTable<Record>& table, Record& record, std::string_view name,
                         std::string& text, bool* known = nullptr) {
  const FieldSetter<Record>* setter = table.find(name);
  if (known) *known = setter != nullptr;
  if (!setter) return {};
  return (*setter)(record, text, name);
}

}  // namespace qvm::api

#define QVM_FIELD(Record, member)                                               \
  [](Record& r, std::string& text, std::string_view element) -> ::qvm::Status { \
    return ::qvm::api::assign_field(r.member, text, element);                   \
  }
