// HOST_LIST_OUTPUT: HOST_LIST/HOST records, or the ID_SET of details=None.
#include "api/document_parser.hpp"
#include "api/field_assign.hpp"
#include "api/host_fields.hpp"

namespace qvm {
namespace {

constexpr size_t kHostDepth = 3;  // HOST_LIST_OUTPUT/RESPONSE/HOST_LIST/HOST

class HostListParser final : public api::DocumentParser {
 public:
  HostListParser(HostListCallbacks callbacks, XmlBackend backend)
      : DocumentParser("HOST_LIST_OUTPUT", backend), callbacks_(std::move(callbacks)) {}

 private:
  Status element_start(std::string_view name, std::span<const xml::Attribute>) override {
    if (depth() == kHostDepth && name == "HOST" && ancestor() == "HOST_LIST") {
      host_ = Host{};
      in_host_ = true;
      return {};
    }
    if (in_host_) return api::host_element_start(host_, name, depth() - kHostDepth, ancestor());
    return {};
  }

  Status element_end(std::string_view name, std::string& text) override {
    if (in_host_) {
      if (depth() == kHostDepth) {
        in_host_ = false;
        return callbacks_.host ? callbacks_.host(host_) : Status{};
      }
      return api::host_element_end(host_, name, depth() - kHostDepth, ancestor(), text);
    }
    if (depth() == 3 && ancestor() == "ID_SET" && (name == "ID" || name == "ID_RANGE")) {
      auto range = api::parse_id_range(text, name);
      if (!range) return std::unexpected(range.error());
      return callbacks_.id ? callbacks_.id(IdRange{range->first, range->second}) : Status{};
    }
    return {};
  }

  HostListCallbacks callbacks_;
  Host host_;
  bool in_host_ = false;
};

}  // namespace

std::unique_ptr<ResponseParser> make_host_list_parser(HostListCallbacks callbacks,
                                                      XmlBackend backend) {
  return std::make_unique<HostListParser>(std::move(callbacks), backend);
}

}  // namespace qvm
