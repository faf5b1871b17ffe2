// The fast backend: an in-house resumable tokenizer (fast_parser.cpp).
#pragma once

#include <memory>

#include "xml/push_parser.hpp"

namespace qvm::xml {

std::unique_ptr<PushParser> make_fast_parser(Handler& handler);

}  // namespace qvm::xml
