// HOST_LIST_VM_DETECTION_OUTPUT: each DETECTION handed out with its HOST.
#include "api/document_parser.hpp"
#include "api/field_table.hpp"
#include "api/host_fields.hpp"

namespace qvm {
namespace {

constexpr size_t kHostDepth = 3;  // …/RESPONSE/HOST_LIST/HOST
// Levels below HOST.
constexpr size_t kDetectionLevel = 2;  // HOST/DETECTION_LIST/DETECTION

const api::FieldTable<Detection>& detection_table() {
  static const api::FieldTable<Detection> table = {
      {"UNIQUE_VULN_ID", QVM_FIELD(Detection, unique_vuln_id)},
      {"QID", QVM_FIELD(Detection, qid)},
      {"TYPE", QVM_FIELD(Detection, type)},
      {"SEVERITY", QVM_FIELD(Detection, severity)},
      {"PORT", QVM_FIELD(Detection, port)},
      {"PROTOCOL", QVM_FIELD(Detection, protocol)},
      {"FQDN", QVM_FIELD(Detection, fqdn)},
      {"SSL", QVM_FIELD(Detection, ssl)},
      {"INSTANCE", QVM_FIELD(Detection, instance)},
      {"RESULTS", QVM_FIELD(Detection, results)},
      {"STATUS", QVM_FIELD(Detection, status)},
      {"FIRST_FOUND_DATETIME", QVM_FIELD(Detection, first_found_datetime)},
      {"LAST_FOUND_DATETIME", QVM_FIELD(Detection, last_found_datetime)},
      {"TIMES_FOUND", QVM_FIELD(Detection, times_found)},
      {"LAST_TEST_DATETIME", QVM_FIELD(Detection, last_test_datetime)},
      {"LAST_UPDATE_DATETIME", QVM_FIELD(Detection, last_update_datetime)},
      {"LAST_FIXED_DATETIME", QVM_FIELD(Detection, last_fixed_datetime)},
      {"FIRST_REOPENED_DATETIME", QVM_FIELD(Detection, first_reopened_datetime)},
      {"LAST_REOPENED_DATETIME", QVM_FIELD(Detection, last_reopened_datetime)},
      {"TIMES_REOPENED", QVM_FIELD(Detection, times_reopened)},
      {"SERVICE", QVM_FIELD(Detection, service)},
      {"IS_IGNORED", QVM_FIELD(Detection, is_ignored)},
      {"IS_DISABLED", QVM_FIELD(Detection, is_disabled)},
      {"AFFECT_RUNNING_KERNEL", QVM_FIELD(Detection, affect_running_kernel)},
      {"AFFECT_RUNNING_SERVICE", QVM_FIELD(Detection, affect_running_service)},
      {"AFFECT_EXPLOITABLE_CONFIG", QVM_FIELD(Detection, affect_exploitable_config)},
      {"LAST_PROCESSED_DATETIME", QVM_FIELD(Detection, last_processed_datetime)},
      {"ASSET_CVE", QVM_FIELD(Detection, asset_cve)},
  };
  return table;
}

std::string_view attribute(std::span<const xml::Attribute> attributes, std::string_view name) {
  for (const auto& a : attributes) {
    if (a.name == name) return a.value;
  }
  return {};
}

class DetectionParser final : public api::DocumentParser {
 public:
  DetectionParser(DetectionCallbacks callbacks, XmlBackend backend)
      : DocumentParser("HOST_LIST_VM_DETECTION_OUTPUT", backend),
        callbacks_(std::move(callbacks)) {}

 private:
  Status element_start(std::string_view name, std::span<const xml::Attribute> attrs) override {
    if (depth() == kHostDepth && name == "HOST" && ancestor() == "HOST_LIST") {
      host_ = Host{};
      in_host_ = true;
      detections_ = 0;
      return {};
    }
    if (!in_host_) return {};
    size_t level = depth() - kHostDepth;
    if (level == kDetectionLevel && name == "DETECTION") {
      detection_ = Detection{};
      in_detection_ = true;
      return {};
    }
    if (in_detection_) {
      if (level == kDetectionLevel + 1 && name == "QDS") {
        detection_.qds.emplace().severity = std::string(attribute(attrs, "severity"));
      } else if (level == kDetectionLevel + 2 && name == "QDS_FACTOR") {
        detection_.qds_factors.emplace_back().name = std::string(attribute(attrs, "name"));
      }
      return {};
    }
    return api::host_element_start(host_, name, level, ancestor());
  }

  Status element_end(std::string_view name, std::string& text) override {
    if (!in_host_) return {};
    size_t level = depth() - kHostDepth;
    if (level == 0) {
      in_host_ = false;
      return callbacks_.host_end ? callbacks_.host_end(host_, detections_) : Status{};
    }
    if (in_detection_) {
      if (level == kDetectionLevel) {
        in_detection_ = false;
        ++detections_;
        return callbacks_.detection ? callbacks_.detection(host_, detection_) : Status{};
      }
      if (level == kDetectionLevel + 1 && name == "QDS") {
        // An empty QDS (no score computed yet) is no QDS, not a malformed document.
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
          detection_.qds.reset();
          return {};
        }
        return api::assign_field(detection_.qds->score, text, name);
      }
      if (level == kDetectionLevel + 2 && name == "QDS_FACTOR" && !detection_.qds_factors.empty()) {
        detection_.qds_factors.back().value = std::move(text);
        return {};
      }
      if (level == kDetectionLevel + 1) {
        return api::assign_from_table(detection_table(), detection_, name, text);
      }
      return {};
    }
    return api::host_element_end(host_, name, level, ancestor(), text);
  }

  DetectionCallbacks callbacks_;
  Host host_;
  Detection detection_;
  size_t detections_ = 0;
  bool in_host_ = false;
  bool in_detection_ = false;
};

}  // namespace

std::unique_ptr<ResponseParser> make_detection_parser(DetectionCallbacks callbacks,
                                                      XmlBackend backend) {
  return std::make_unique<DetectionParser>(std::move(callbacks), backend);
}

}  // namespace qvm
