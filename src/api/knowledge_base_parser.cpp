// KNOWLEDGE_BASE_VULN_LIST_OUTPUT: VULN_LIST/VULN records (the whole KB DTD plus CVSS3_VERSION),
// or the ID_SET of details=None.
#include "api/document_parser.hpp"
#include "api/field_table.hpp"

namespace qvm {
namespace {

constexpr size_t kVulnDepth = 3;  // KNOWLEDGE_BASE_VULN_LIST_OUTPUT/RESPONSE/VULN_LIST/VULN

const api::FieldTable<Vuln>& vuln_table() {
  static const api::FieldTable<Vuln> table = {
      {"QID", QVM_FIELD(Vuln, qid)},
      {"VULN_TYPE", QVM_FIELD(Vuln, vuln_type)},
      {"SEVERITY_LEVEL", QVM_FIELD(Vuln, severity_level)},
      {"TITLE", QVM_FIELD(Vuln, title)},
      {"CATEGORY", QVM_FIELD(Vuln, category)},
      {"DETECTION_INFO", QVM_FIELD(Vuln, detection_info)},
      {"LAST_SERVICE_MODIFICATION_DATETIME", QVM_FIELD(Vuln, last_service_modification_datetime)},
      {"PUBLISHED_DATETIME", QVM_FIELD(Vuln, published_datetime)},
      {"PATCHABLE", QVM_FIELD(Vuln, patchable)},
      {"DIAGNOSIS", QVM_FIELD(Vuln, diagnosis)},
      {"DIAGNOSIS_COMMENT", QVM_FIELD(Vuln, diagnosis_comment)},
      {"CONSEQUENCE", QVM_FIELD(Vuln, consequence)},
      {"CONSEQUENCE_COMMENT", QVM_FIELD(Vuln, consequence_comment)},
      {"SOLUTION", QVM_FIELD(Vuln, solution)},
      {"SOLUTION_COMMENT", QVM_FIELD(Vuln, solution_comment)},
      {"PCI_FLAG", QVM_FIELD(Vuln, pci_flag)},
      {"AUTOMATIC_PCI_FAIL", QVM_FIELD(Vuln, automatic_pci_fail)},
      {"SUPPORTED_MODULES", QVM_FIELD(Vuln, supported_modules)},
      {"IS_DISABLED", QVM_FIELD(Vuln, is_disabled)},
  };
  return table;
}

// CVSS and CVSS_V3 children, keyed "PARENT/NAME" for the two nested groups (ACCESS, ATTACK,
// IMPACT) so that v2 ACCESS/VECTOR and v3 ATTACK/VECTOR land in the same field.
const api::FieldTable<Cvss>& cvss_table() {
  static const api::FieldTable<Cvss> table = {
      {"BASE", QVM_FIELD(Cvss, base)},
      {"TEMPORAL", QVM_FIELD(Cvss, temporal)},
      {"VECTOR_STRING", QVM_FIELD(Cvss, vector_string)},
      {"CVSS3_VERSION", QVM_FIELD(Cvss, cvss3_version)},
      {"AUTHENTICATION", QVM_FIELD(Cvss, authentication)},
      {"EXPLOITABILITY", QVM_FIELD(Cvss, exploitability)},
      {"PRIVILEGES_REQUIRED", QVM_FIELD(Cvss, privileges_required)},
      {"USER_INTERACTION", QVM_FIELD(Cvss, user_interaction)},
      {"SCOPE", QVM_FIELD(Cvss, scope)},
      {"EXPLOIT_CODE_MATURITY", QVM_FIELD(Cvss, exploit_code_maturity)},
      {"REMEDIATION_LEVEL", QVM_FIELD(Cvss, remediation_level)},
      {"REPORT_CONFIDENCE", QVM_FIELD(Cvss, report_confidence)},
      {"ACCESS/VECTOR", QVM_FIELD(Cvss, access_vector)},
      {"ACCESS/COMPLEXITY", QVM_FIELD(Cvss, access_complexity)},
      {"ATTACK/VECTOR", QVM_FIELD(Cvss, access_vector)},
      {"ATTACK/COMPLEXITY", QVM_FIELD(Cvss, access_complexity)},
      {"IMPACT/CONFIDENTIALITY", QVM_FIELD(Cvss, impact_confidentiality)},
      {"IMPACT/INTEGRITY", QVM_FIELD(Cvss, impact_integrity)},
      {"IMPACT/AVAILABILITY", QVM_FIELD(Cvss, impact_availability)},
  };
  return table;
}

const api::FieldTable<Reference>& reference_table() {
  static const api::FieldTable<Reference> table = {
      {"ID", QVM_FIELD(Reference, id)},
      {"URL", QVM_FIELD(Reference, url)},
  };
  return table;
}

const api::FieldTable<Compliance>& compliance_table() {
  static const api::FieldTable<Compliance> table = {
      {"TYPE", QVM_FIELD(Compliance, type)},
      {"SECTION", QVM_FIELD(Compliance, section)},
      {"DESCRIPTION", QVM_FIELD(Compliance, description)},
  };
  return table;
}

const api::FieldTable<Exploit>& exploit_table() {
  static const api::FieldTable<Exploit> table = {
      {"REF", QVM_FIELD(Exploit, ref)},
      {"DESC", QVM_FIELD(Exploit, desc)},
      {"LINK", QVM_FIELD(Exploit, link)},
  };
  return table;
}

const api::FieldTable<Malware>& malware_table() {
  static const api::FieldTable<Malware> table = {
      {"MW_ID", QVM_FIELD(Malware, mw_id)},
      {"MW_TYPE", QVM_FIELD(Malware, mw_type)},
      {"MW_PLATFORM", QVM_FIELD(Malware, mw_platform)},
      {"MW_ALIAS", QVM_FIELD(Malware, mw_alias)},
      {"MW_RATING", QVM_FIELD(Malware, mw_rating)},
      {"MW_LINK", QVM_FIELD(Malware, mw_link)},
  };
  return table;
}

std::string_view attribute(std::span<const xml::Attribute> attributes, std::string_view name) {
  for (const auto& a : attributes) {
    if (a.name == name) return a.value;
  }
  return {};
}

bool has_attribute(std::span<const xml::Attribute> attributes, std::string_view name) {
  for (const auto& a : attributes) {
    if (a.name == name) return true;
  }
  return false;
}

class KnowledgeBaseParser final : public api::DocumentParser {
 public:
  KnowledgeBaseParser(KnowledgeBaseCallbacks callbacks, XmlBackend backend)
      : DocumentParser("KNOWLEDGE_BASE_VULN_LIST_OUTPUT", backend),
        callbacks_(std::move(callbacks)) {}

 private:
  // Containers are created when their element opens, so that an empty one (`<CVSS/>`) is
  // still reported as present and children always have a record to land in.
  Status element_start(std::string_view name, std::span<const xml::Attribute> attrs) override {
    if (depth() == kVulnDepth && name == "VULN" && ancestor() == "VULN_LIST") {
      vuln_ = Vuln{};
      in_vuln_ = true;
      return {};
    }
    if (!in_vuln_) return {};
    const size_t level = depth() - kVulnDepth;
    const std::string_view parent = ancestor();
    if (level == 1) {
      if (name == "LAST_CUSTOMIZATION") vuln_.last_customization.emplace();
      if (name == "CORRELATION") vuln_.correlation.emplace();
      if (name == "CVSS") vuln_.cvss.emplace();
      if (name == "CVSS_V3") vuln_.cvss_v3.emplace();
      if (name == "DISCOVERY") vuln_.discovery.emplace();
    } else if (level == 2) {
      if (parent == "BUGTRAQ_LIST" && name == "BUGTRAQ") vuln_.bugtraq_list.emplace_back();
      if (parent == "VENDOR_REFERENCE_LIST" && name == "VENDOR_REFERENCE") {
        vuln_.vendor_reference_list.emplace_back();
      }
      if (parent == "CVE_LIST" && name == "CVE") vuln_.cve_list.emplace_back();
      if (parent == "SOFTWARE_LIST" && name == "SOFTWARE") vuln_.software_list.emplace_back();
      if (parent == "COMPLIANCE_LIST" && name == "COMPLIANCE") {
        vuln_.compliance_list.emplace_back();
      }
      if (parent == "CHANGE_LOG_LIST" && name == "CHANGE_LOG_INFO") {
        vuln_.change_log_list.emplace_back();
      }
      if (parent == "THREAT_INTELLIGENCE" && name == "THREAT_INTEL") {
        vuln_.threat_intelligence.emplace_back().id = std::string(attribute(attrs, "id"));
      }
      if (name == "BASE" && has_attribute(attrs, "source")) {
        if (Cvss* cvss = current_cvss(parent)) {
          cvss->base_source = std::string(attribute(attrs, "source"));
        }
      }
    } else if (level == 3 && vuln_.correlation) {
      if (parent == "EXPLOITS" && name == "EXPLT_SRC") vuln_.correlation->exploits.emplace_back();
      if (parent == "MALWARE" && name == "MW_SRC") vuln_.correlation->malware.emplace_back();
    } else if (level == 5 && vuln_.correlation) {
      if (name == "EXPLT" && !vuln_.correlation->exploits.empty()) {
        vuln_.correlation->exploits.back().explt_list.emplace_back();
      }
      if (name == "MW_INFO" && !vuln_.correlation->malware.empty()) {
        vuln_.correlation->malware.back().mw_list.emplace_back();
      }
    }
    return {};
  }

  Status element_end(std::string_view name, std::string& text) override {
    if (in_vuln_) return vuln_element_end(name, text);
    if (depth() == 3 && ancestor() == "ID_SET" && (name == "ID" || name == "ID_RANGE")) {
      auto range = api::parse_id_range(text, name);
      if (!range) return std::unexpected(range.error());
      return callbacks_.id ? callbacks_.id(IdRange{range->first, range->second}) : Status{};
    }
    return {};
  }

  Status vuln_element_end(std::string_view name, std::string& text) {
    const size_t level = depth() - kVulnDepth;
    const std::string_view parent = ancestor();
    switch (level) {
      case 0:
        in_vuln_ = false;
        return callbacks_.vuln ? callbacks_.vuln(vuln_) : Status{};
      case 1:
        return api::assign_from_table(vuln_table(), vuln_, name, text);
      case 2:
        return level2_end(name, parent, text);
      case 3:
        return level3_end(name, parent, text);
      case 4:
        return level4_end(name, parent, text);
      case 6:
        return level6_end(name, parent, text);
      default:
        return {};
    }
  }

  Status level2_end(std::string_view name, std::string_view parent, std::string& text) {
    if (Cvss* cvss = current_cvss(parent)) {
      return api::assign_from_table(cvss_table(), *cvss, name, text);
    }
    if (parent == "LAST_CUSTOMIZATION" && vuln_.last_customization) {
      if (name == "DATETIME")
        return api::assign_field(vuln_.last_customization->datetime, text, name);
      if (name == "USER_LOGIN") {
        return api::assign_field(vuln_.last_customization->user_login, text, name);
      }
    }
    if (parent == "PCI_REASONS" && name == "PCI_REASON") {
      vuln_.pci_reasons.push_back(std::move(text));
    }
    if (parent == "THREAT_INTELLIGENCE" && name == "THREAT_INTEL" &&
        !vuln_.threat_intelligence.empty()) {
      vuln_.threat_intelligence.back().text = std::move(text);
    }
    if (parent == "DISCOVERY" && vuln_.discovery) {
      if (name == "REMOTE") return api::assign_field(vuln_.discovery->remote, text, name);
      if (name == "ADDITIONAL_INFO") {
        return api::assign_field(vuln_.discovery->additional_info, text, name);
      }
    }
    return {};
  }

  Status level3_end(std::string_view name, std::string_view parent, std::string& text) {
    const std::string_view list = ancestor(2);
    if (parent == "BUGTRAQ" && !vuln_.bugtraq_list.empty()) {
      return api::assign_from_table(reference_table(), vuln_.bugtraq_list.back(), name, text);
    }
    if (parent == "VENDOR_REFERENCE" && !vuln_.vendor_reference_list.empty()) {
      return api::assign_from_table(reference_table(), vuln_.vendor_reference_list.back(), name,
                                    text);
    }
    if (parent == "CVE" && !vuln_.cve_list.empty()) {
      return api::assign_from_table(reference_table(), vuln_.cve_list.back(), name, text);
    }
    if (parent == "SOFTWARE" && !vuln_.software_list.empty()) {
      if (name == "PRODUCT")
        return api::assign_field(vuln_.software_list.back().product, text, name);
      if (name == "VENDOR") return api::assign_field(vuln_.software_list.back().vendor, text, name);
    }
    if (parent == "COMPLIANCE" && !vuln_.compliance_list.empty()) {
      return api::assign_from_table(compliance_table(), vuln_.compliance_list.back(), name, text);
    }
    if (parent == "CHANGE_LOG_INFO" && !vuln_.change_log_list.empty()) {
      ChangeLog& log = vuln_.change_log_list.back();
      if (name == "CHANGE_DATE") return api::assign_field(log.change_date, text, name);
      if (name == "COMMENTS") return api::assign_field(log.comments, text, name);
    }
    if (parent == "AUTH_TYPE_LIST" && name == "AUTH_TYPE" && vuln_.discovery) {
      vuln_.discovery->auth_type_list.push_back(std::move(text));
    }
    if (Cvss* cvss = current_cvss(list)) {
      std::string key = std::string(parent) + "/" + std::string(name);
      return api::assign_from_table(cvss_table(), *cvss, key, text);
    }
    return {};
  }

  Status level4_end(std::string_view name, std::string_view parent, std::string& text) {
    if (name != "SRC_NAME" || !vuln_.correlation) return {};
    if (parent == "EXPLT_SRC" && !vuln_.correlation->exploits.empty()) {
      vuln_.correlation->exploits.back().src_name = std::move(text);
    }
    if (parent == "MW_SRC" && !vuln_.correlation->malware.empty()) {
      vuln_.correlation->malware.back().src_name = std::move(text);
    }
    return {};
  }

  Status level6_end(std::string_view name, std::string_view parent, std::string& text) {
    if (!vuln_.correlation) return {};
    if (parent == "EXPLT" && !vuln_.correlation->exploits.empty() &&
        !vuln_.correlation->exploits.back().explt_list.empty()) {
      return api::assign_from_table(
          exploit_table(), vuln_.correlation->exploits.back().explt_list.back(), name, text);
    }
    if (parent == "MW_INFO" && !vuln_.correlation->malware.empty() &&
        !vuln_.correlation->malware.back().mw_list.empty()) {
      return api::assign_from_table(malware_table(),
                                    vuln_.correlation->malware.back().mw_list.back(), name, text);
    }
    return {};
  }

  // The CVSS block `element` names (a direct VULN child), if it is one.
  Cvss* current_cvss(std::string_view element) {
    if (element == "CVSS" && vuln_.cvss) return &*vuln_.cvss;
    if (element == "CVSS_V3" && vuln_.cvss_v3) return &*vuln_.cvss_v3;
    return nullptr;
  }

  KnowledgeBaseCallbacks callbacks_;
  Vuln vuln_;
  bool in_vuln_ = false;
};

}  // namespace

std::unique_ptr<ResponseParser> make_knowledge_base_parser(KnowledgeBaseCallbacks callbacks,
                                                           XmlBackend backend) {
  return std::make_unique<KnowledgeBaseParser>(std::move(callbacks), backend);
}

}  // namespace qvm
