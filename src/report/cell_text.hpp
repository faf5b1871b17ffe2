// How a cell is spelled in each format: plain text (CSV, table) and JSON.
#pragma once

#include <string>

#include "qvm/writers.hpp"

namespace qvm::report {

// Appends the cell as plain text: numbers in decimal, flags as 1/0 (as Qualys spells them),
// lists joined with ';', absent as nothing.
void append_text(std::string& out, const FieldValue& value, bool decode_entities);

// Appends the cell as a JSON value.
void append_json(std::string& out, const FieldValue& value, bool decode_entities);

// Appends `text` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);

}  // namespace qvm::report
