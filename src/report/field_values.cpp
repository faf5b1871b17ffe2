// Conversions from record fields to cells.
#include "qvm/record_rows.hpp"

namespace qvm {

FieldValue to_field(const std::optional<std::string>& v) {
  return v ? FieldValue(*v) : FieldValue();
}
FieldValue to_field(const std::string& v) {
  return v;
}
FieldValue to_field(const std::optional<Timestamp>& v) {
  return v ? FieldValue(*v) : FieldValue();
}
FieldValue to_field(std::uint64_t v) {
  return v;
}
FieldValue to_field(const std::optional<std::uint64_t>& v) {
  return v ? FieldValue(*v) : FieldValue();
}
FieldValue to_field(int v) {
  return std::int64_t{v};
}
FieldValue to_field(const std::optional<int>& v) {
  return v ? FieldValue(std::int64_t{*v}) : FieldValue();
}
FieldValue to_field(const std::optional<std::int64_t>& v) {
  return v ? FieldValue(*v) : FieldValue();
}
FieldValue to_field(const std::optional<bool>& v) {
  return v ? FieldValue(*v) : FieldValue();
}

}  // namespace qvm
