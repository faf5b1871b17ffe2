// VULN records of KNOWLEDGE_BASE_VULN_LIST_OUTPUT (the whole KB DTD, plus CVSS3_VERSION).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qvm/timestamp.hpp"

namespace qvm {

// BUGTRAQ, VENDOR_REFERENCE and CVE share the (ID, URL) shape.
struct Reference {
  std::string id;
  std::string url;
  bool operator==(const Reference&) const = default;
};

struct Software {
  std::string product;
  std::string vendor;
  bool operator==(const Software&) const = default;
};

struct Compliance {
  std::string type;
  std::string section;
  std::string description;
  bool operator==(const Compliance&) const = default;
};

struct Exploit {
  std::string ref;
  std::string desc;
  std::optional<std::string> link;
  bool operator==(const Exploit&) const = default;
};

struct ExploitSource {
  std::string src_name;
  std::vector<Exploit> explt_list;
  bool operator==(const ExploitSource&) const = default;
};

struct Malware {
  std::string mw_id;
  std::optional<std::string> mw_type;
  std::optional<std::string> mw_platform;
  std::optional<std::string> mw_alias;
  std::optional<std::string> mw_rating;
  std::optional<std::string> mw_link;
  bool operator==(const Malware&) const = default;
};

struct MalwareSource {
  std::string src_name;
  std::vector<Malware> mw_list;
  bool operator==(const MalwareSource&) const = default;
};

struct Correlation {
  std::vector<ExploitSource> exploits;
  std::vector<MalwareSource> malware;
  bool operator==(const Correlation&) const = default;
};

// CVSS and CVSS_V3 share most of their shape; fields of the other version stay empty.
struct Cvss {
  std::optional<std::string> base;  // a number, or text such as "5" / "'-'" as Qualys sends it
  std::optional<std::string> base_source;  // BASE@source
  std::optional<std::string> temporal;
  std::optional<std::string> vector_string;
  std::optional<std::string> cvss3_version;      // v3
  std::optional<std::string> access_vector;      // v2 ACCESS/VECTOR, v3 ATTACK/VECTOR
  std::optional<std::string> access_complexity;  // v2 ACCESS/COMPLEXITY, v3 ATTACK/COMPLEXITY
  std::optional<std::string> impact_confidentiality;
  std::optional<std::string> impact_integrity;
  std::optional<std::string> impact_availability;
  std::optional<std::string> authentication;         // v2
  std::optional<std::string> exploitability;         // v2
  std::optional<std::string> privileges_required;    // v3
  std::optional<std::string> user_interaction;       // v3
  std::optional<std::string> scope;                  // v3
  std::optional<std::string> exploit_code_maturity;  // v3
  std::optional<std::string> remediation_level;
  std::optional<std::string> report_confidence;
  bool operator==(const Cvss&) const = default;
};

struct ThreatIntel {
  std::string id;
  std::string text;
  bool operator==(const ThreatIntel&) const = default;
};

struct Discovery {
  std::optional<bool> remote;
  std::vector<std::string> auth_type_list;
  std::optional<std::string> additional_info;
  bool operator==(const Discovery&) const = default;
};

struct ChangeLog {
  std::optional<Timestamp> change_date;
  std::string comments;
  bool operator==(const ChangeLog&) const = default;
};

struct LastCustomization {
  std::optional<Timestamp> datetime;
  std::optional<std::string> user_login;
  bool operator==(const LastCustomization&) const = default;
};

struct Vuln {
  std::uint64_t qid = 0;
  std::string vuln_type;
  int severity_level = 0;
  std::string title;
  std::optional<std::string> category;
  std::optional<std::string> detection_info;
  std::optional<LastCustomization> last_customization;
  std::optional<Timestamp> last_service_modification_datetime;
  std::optional<Timestamp> published_datetime;
  std::vector<Reference> bugtraq_list;
  std::optional<bool> patchable;
  std::vector<Software> software_list;
  std::vector<Reference> vendor_reference_list;
  std::vector<Reference> cve_list;
  std::optional<std::string> diagnosis;
  std::optional<std::string> diagnosis_comment;
  std::optional<std::string> consequence;
  std::optional<std::string> consequence_comment;
  std::optional<std::string> solution;
  std::optional<std::string> solution_comment;
  std::vector<Compliance> compliance_list;
  std::optional<Correlation> correlation;
  std::optional<Cvss> cvss;
  std::optional<Cvss> cvss_v3;
  std::optional<bool> pci_flag;
  std::optional<bool> automatic_pci_fail;
  std::vector<std::string> pci_reasons;
  std::vector<ThreatIntel> threat_intelligence;
  std::optional<std::string> supported_modules;
  std::optional<Discovery> discovery;
  std::optional<bool> is_disabled;
  std::vector<ChangeLog> change_log_list;

  bool operator==(const Vuln&) const = default;
};

}  // namespace qvm
