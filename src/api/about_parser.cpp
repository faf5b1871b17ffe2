// ABOUT (`/msp/about.php`): API-VERSION from its MAJOR/MINOR attributes, and every other
// *-VERSION element as a name → value pair in document order.
#include "api/document_parser.hpp"

namespace qvm {
namespace {

class AboutParser final : public api::DocumentParser {
 public:
  AboutParser(About& out, XmlBackend backend) : DocumentParser("ABOUT", backend), out_(out) {}

 private:
  Status element_start(std::string_view name, std::span<const xml::Attribute> attrs) override {
    if (depth() != 1 || name != "API-VERSION") return {};
    std::string_view major, minor;
    for (const auto& a : attrs) {
      if (a.name == "MAJOR") major = a.value;
      if (a.name == "MINOR") minor = a.value;
    }
    about_.api_version = std::string(major) + "." + std::string(minor);
    return {};
  }

  Status element_end(std::string_view name, std::string& text) override {
    if (depth() == 1 && name != "API-VERSION" && name.ends_with("-VERSION")) {
      about_.versions.emplace_back(std::string(name), std::move(text));
    }
    return {};
  }

  // `out` is written only when the document ended cleanly, so a failed parse leaves it as it was.
  Status document_end() override {
    out_ = std::move(about_);
    return {};
  }

  About about_;
  About& out_;
};

}  // namespace

std::unique_ptr<ResponseParser> make_about_parser(About& out, XmlBackend backend) {
  return std::make_unique<AboutParser>(out, backend);
}

}  // namespace qvm
