// SCAN_LIST_OUTPUT: SCAN_LIST/SCAN records, with CLIENT, STATUS, ASSET_GROUP_TITLE_LIST and
// OPTION_PROFILE flattened into the Scan record.
#include "api/document_parser.hpp"
#include "api/field_table.hpp"

namespace qvm {
namespace {

constexpr size_t kScanDepth = 3;  // SCAN_LIST_OUTPUT/RESPONSE/SCAN_LIST/SCAN

// Direct SCAN children by name, nested ones as "PARENT/NAME".
const api::FieldTable<Scan>& scan_table() {
  static const api::FieldTable<Scan> table = {
      {"ID", QVM_FIELD(Scan, id)},
      {"REF", QVM_FIELD(Scan, ref)},
      {"SCAN_TYPE", QVM_FIELD(Scan, scan_type)},
      {"TYPE", QVM_FIELD(Scan, type)},
      {"TITLE", QVM_FIELD(Scan, title)},
      {"USER_LOGIN", QVM_FIELD(Scan, user_login)},
      {"LAUNCH_DATETIME", QVM_FIELD(Scan, launch_datetime)},
      {"DURATION", QVM_FIELD(Scan, duration)},
      {"PROCESSING_PRIORITY", QVM_FIELD(Scan, processing_priority)},
      {"PROCESSED", QVM_FIELD(Scan, processed)},
      {"TARGET", QVM_FIELD(Scan, target)},
      {"CLIENT/ID", QVM_FIELD(Scan, client_id)},
      {"CLIENT/NAME", QVM_FIELD(Scan, client_name)},
      {"STATUS/STATE", QVM_FIELD(Scan, status_state)},
      {"STATUS/SUB_STATE", QVM_FIELD(Scan, status_sub_state)},
      {"OPTION_PROFILE/TITLE", QVM_FIELD(Scan, option_profile_title)},
      {"OPTION_PROFILE/DEFAULT_FLAG", QVM_FIELD(Scan, option_profile_default_flag)},
  };
  return table;
}

class ScanListParser final : public api::DocumentParser {
 public:
  ScanListParser(std::function<Status(const Scan&)> scan, XmlBackend backend)
      : DocumentParser("SCAN_LIST_OUTPUT", backend), scan_(std::move(scan)) {}

 private:
  Status element_start(std::string_view name, std::span<const xml::Attribute>) override {
    if (depth() == kScanDepth && name == "SCAN" && ancestor() == "SCAN_LIST") {
      record_ = Scan{};
      in_scan_ = true;
    }
    return {};
  }

  Status element_end(std::string_view name, std::string& text) override {
    if (!in_scan_) return {};
    const size_t level = depth() - kScanDepth;
    if (level == 0) {
      in_scan_ = false;
      return scan_ ? scan_(record_) : Status{};
    }
    if (level == 1) return api::assign_from_table(scan_table(), record_, name, text);
    if (level == 2 && ancestor() == "ASSET_GROUP_TITLE_LIST" && name == "ASSET_GROUP_TITLE") {
      record_.asset_group_title_list.push_back(std::move(text));
      return {};
    }
    if (level == 2) {
      std::string key = std::string(ancestor()) + "/" + std::string(name);
      return api::assign_from_table(scan_table(), record_, key, text);
    }
    return {};
  }

  std::function<Status(const Scan&)> scan_;
  Scan record_;
  bool in_scan_ = false;
};

}  // namespace

std::unique_ptr<ResponseParser> make_scan_list_parser(std::function<Status(const Scan&)> scan,
                                                      XmlBackend backend) {
  return std::make_unique<ScanListParser>(std::move(scan), backend);
}

}  // namespace qvm
