// KnowledgeBase vuln rows: every VULN field; reference lists by ID, CVSS blocks flattened.
#include "report/column_table.hpp"
#include "report/list_cells.hpp"

namespace qvm {
namespace {

using report::list_of;

FieldValue reference_ids(const std::vector<Reference>& refs) {
  return list_of(refs, [](const Reference& r) { return r.id; });
}

// One CVSS field, absent when the block is.
template <class Member>
FieldValue cvss_field(const std::optional<Cvss>& cvss, Member member) {
  return cvss ? to_field((*cvss).*member) : FieldValue();
}

const std::vector<report::Column<Vuln>>& vuln_table() {
  using V = Vuln;
  static const std::vector<report::Column<Vuln>> columns = {
      QVM_COLUMN(V, qid),
      QVM_COLUMN(V, vuln_type),
      QVM_COLUMN(V, severity_level),
      QVM_COLUMN(V, title),
      QVM_COLUMN(V, category),
      QVM_COLUMN(V, detection_info),
      {"last_customization",
       [](const V& v) {
         return v.last_customization ? to_field(v.last_customization->datetime) : FieldValue();
       }},
      QVM_COLUMN(V, last_service_modification_datetime),
      QVM_COLUMN(V, published_datetime),
      {"bugtraq_list", [](const V& v) { return reference_ids(v.bugtraq_list); }},
      QVM_COLUMN(V, patchable),
      {"software_list",
       [](const V& v) {
         return list_of(v.software_list,
                        [](const Software& s) { return s.vendor + " " + s.product; });
       }},
      {"vendor_reference_list", [](const V& v) { return reference_ids(v.vendor_reference_list); }},
      {"cve_list", [](const V& v) { return reference_ids(v.cve_list); }},
      QVM_COLUMN(V, diagnosis),
      QVM_COLUMN(V, diagnosis_comment),
      QVM_COLUMN(V, consequence),
      QVM_COLUMN(V, consequence_comment),
      QVM_COLUMN(V, solution),
      QVM_COLUMN(V, solution_comment),
      {"compliance_list",
       [](const V& v) {
         return list_of(v.compliance_list,
                        [](const Compliance& c) { return c.type + " " + c.section; });
       }},
      {"exploits",
       [](const V& v) {
         std::vector<std::string> out;
         if (v.correlation) {
           for (const auto& src : v.correlation->exploits) {
             for (const auto& e : src.explt_list)
               out.push_back(src.src_name + ": " + e.ref);
           }
         }
         return FieldValue(std::move(out));
       }},
      {"malware",
       [](const V& v) {
         std::vector<std::string> out;
         if (v.correlation) {
           for (const auto& src : v.correlation->malware) {
             for (const auto& m : src.mw_list)
               out.push_back(src.src_name + ": " + m.mw_id);
           }
         }
         return FieldValue(std::move(out));
       }},
      {"cvss_base", [](const V& v) { return cvss_field(v.cvss, &Cvss::base); }},
      {"cvss_base_source", [](const V& v) { return cvss_field(v.cvss, &Cvss::base_source); }},
      {"cvss_temporal", [](const V& v) { return cvss_field(v.cvss, &Cvss::temporal); }},
      {"cvss_vector_string", [](const V& v) { return cvss_field(v.cvss, &Cvss::vector_string); }},
      {"cvss_v3_base", [](const V& v) { return cvss_field(v.cvss_v3, &Cvss::base); }},
      {"cvss_v3_temporal", [](const V& v) { return cvss_field(v.cvss_v3, &Cvss::temporal); }},
      {"cvss_v3_vector_string",
       [](const V& v) { return cvss_field(v.cvss_v3, &Cvss::vector_string); }},
      {"cvss_v3_version", [](const V& v) { return cvss_field(v.cvss_v3, &Cvss::cvss3_version); }},
      QVM_COLUMN(V, pci_flag),
      QVM_COLUMN(V, automatic_pci_fail),
      {"pci_reasons", [](const V& v) { return FieldValue(v.pci_reasons); }},
      {"threat_intelligence",
       [](const V& v) {
         return list_of(v.threat_intelligence, [](const ThreatIntel& t) { return t.text; });
       }},
      QVM_COLUMN(V, supported_modules),
      {"discovery_remote",
       [](const V& v) { return v.discovery ? to_field(v.discovery->remote) : FieldValue(); }},
      {"discovery_auth_types",
       [](const V& v) {
         return v.discovery ? FieldValue(v.discovery->auth_type_list) : FieldValue();
       }},
      {"discovery_additional_info",
       [](const V& v) {
         return v.discovery ? to_field(v.discovery->additional_info) : FieldValue();
       }},
      QVM_COLUMN(V, is_disabled),
      {"change_log_list",
       [](const V& v) {
         return list_of(v.change_log_list, [](const ChangeLog& c) {
           return (c.change_date ? format_timestamp(*c.change_date) + " " : std::string()) +
                  c.comments;
         });
       }},
  };
  return columns;
}

}  // namespace

const std::vector<std::string>& vuln_columns() {
  static const std::vector<std::string> names = report::column_names(vuln_table());
  return names;
}

void vuln_row(const Vuln& vuln, std::vector<FieldValue>& out) {
  out.clear();
  report::fill_row(vuln_table(), vuln, out);
}

}  // namespace qvm
