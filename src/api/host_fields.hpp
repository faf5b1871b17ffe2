// The elements below HOST, shared by host list and host list detection responses.
#pragma once

#include <string>
#include <string_view>

#include "qvm/error.hpp"
#include "qvm/host.hpp"

namespace qvm::api {

// `level` is the element's depth below HOST (1 = a direct child); `parent` is its parent name.
Status host_element_start(Host& host, std::string_view name, size_t level, std::string_view parent);
Status host_element_end(Host& host, std::string_view name, size_t level, std::string_view parent,
                        std::string& text);

}  // namespace qvm::api
