// SIMPLE_RETURN as data: the answers of session login/logout and of launch-style actions.
// The base class already reads SIMPLE_RETURN (every parser accepts one as an error body), so
// this parser only hands the result over, also when its CODE makes the parse fail.
#include "api/document_parser.hpp"

namespace qvm {
namespace {

class SimpleReturnParser final : public api::DocumentParser {
 public:
  SimpleReturnParser(SimpleReturn& out, XmlBackend backend)
      : DocumentParser("SIMPLE_RETURN", backend), out_(out) {}

 private:
  Status element_end(std::string_view, std::string&) override { return {}; }

  void simple_return_read(const SimpleReturn& simple_return) override { out_ = simple_return; }

  SimpleReturn& out_;
};

}  // namespace

std::unique_ptr<ResponseParser> make_simple_return_parser(SimpleReturn& out, XmlBackend backend) {
  return std::make_unique<SimpleReturnParser>(out, backend);
}

}  // namespace qvm
