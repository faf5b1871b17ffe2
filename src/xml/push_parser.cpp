// Picks the backend of the push interface.
#include "xml/push_parser.hpp"

#include "xml/expat_parser.hpp"
#include "xml/fast_parser.hpp"

namespace qvm::xml {

std::unique_ptr<PushParser> make_push_parser(Backend backend, Handler& handler) {
  switch (backend) {
    case Backend::kExpat:
      return make_expat_parser(handler);
    case Backend::kFast:
      return make_fast_parser(handler);
  }
  return nullptr;
}

}  // namespace qvm::xml
