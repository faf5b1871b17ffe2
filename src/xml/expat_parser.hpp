// The expat backend (expat_parser.cpp).
#pragma once

#include <memory>

#include "xml/push_parser.hpp"

namespace qvm::xml {

std::unique_ptr<PushParser> make_expat_parser(Handler& handler);

}  // namespace qvm::xml
