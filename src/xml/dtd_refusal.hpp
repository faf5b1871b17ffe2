// The errors both backends give for DTD content they refuse: any entity, element, attribute-list
// or notation declaration and any parameter-entity reference (Qualys never sends one), which
// stops XXE and entity-expansion documents before anything is expanded or loaded.
#pragma once

#include <string>
#include <string_view>

namespace qvm::xml {

inline std::string refused_entity(std::string_view name) {
  return "the document declares entity '" + std::string(name) +
         "'; entity declarations are refused (protection against external-entity and "
         "entity-expansion attacks)";
}

inline std::string refused_declaration(std::string_view keyword) {
  return "the document's DTD declares " + std::string(keyword) +
         "; DTD declarations are refused (qvm reads no DTD)";
}

inline constexpr std::string_view kRefusedParameterEntity =
    "the document's DTD references a parameter entity; parameter entities are refused "
    "(protection against external-entity and entity-expansion attacks)";

}  // namespace qvm::xml
