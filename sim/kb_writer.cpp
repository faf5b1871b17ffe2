// KNOWLEDGE_BASE_VULN_LIST_OUTPUT (/api/2.0/fo/knowledge_base/vuln/): details None/Basic/All,
// ids, id_min/id_max, date and patchable filters; element order and CDATA as in the Qualys DTD.
#include <fmt/format.h>

#include "endpoints.hpp"
#include "host_xml.hpp"
#include "vm_document.hpp"

namespace qvm::sim {
namespace {

constexpr std::string_view kRoot = "KNOWLEDGE_BASE_VULN_LIST_OUTPUT";

const std::vector<std::string_view>& allowed_params() {
  static const std::vector<std::string_view> names{"action",
                                                   "echo_request",
                                                   "details",
                                                   "ids",
                                                   "id_min",
                                                   "id_max",
                                                   "is_patchable",
                                                   "last_modified_after",
                                                   "last_modified_before",
                                                   "last_modified_by_user_after",
                                                   "last_modified_by_user_before",
                                                   "last_modified_by_service_after",
                                                   "last_modified_by_service_before",
                                                   "published_after",
                                                   "published_before",
                                                   "discovery_method",
                                                   "discovery_auth_types",
                                                   "show_pci_reasons",
                                                   "show_supported_modules_info",
                                                   "show_disabled_flag",
                                                   "show_qid_change_log",
                                                   "code_modified_after",
                                                   "code_modified_before",
                                                   "truncation_limit"};
  return names;
}

struct KbRequest {
  std::string details = "Basic";
  std::vector<IdRange> ids;
  std::optional<std::uint64_t> id_min, id_max;
  std::optional<bool> patchable;
  std::optional<Timestamp> modified_after, modified_before, published_after, published_before;
  std::uint64_t limit = 0;
};

void write_references(XmlWriter& w, std::string_view list, std::string_view item,
                      const std::vector<Reference>& refs) {
  if (refs.empty()) return;
  w.open(list);
  for (const auto& r : refs) {
    w.open(item);
    w.cdata("ID", r.id);
    w.cdata("URL", r.url);
    w.close(item);
  }
  w.close(list);
}

void write_cvss(XmlWriter& w, std::string_view name, const Cvss& c, bool v3, bool all) {
  w.open(name);
  w.optional_text("BASE", c.base);
  w.optional_text("TEMPORAL", c.temporal);
  if (all) {
    w.optional_text("VECTOR_STRING", c.vector_string);
    if (v3) {
      w.optional_text("CVSS3_VERSION", c.cvss3_version);
      w.open("ATTACK");
      w.optional_text("VECTOR", c.access_vector);
      w.optional_text("COMPLEXITY", c.access_complexity);
      w.close("ATTACK");
      w.open("IMPACT");
      w.optional_text("CONFIDENTIALITY", c.impact_confidentiality);
      w.optional_text("INTEGRITY", c.impact_integrity);
      w.optional_text("AVAILABILITY", c.impact_availability);
      w.close("IMPACT");
      w.optional_text("PRIVILEGES_REQUIRED", c.privileges_required);
      w.optional_text("USER_INTERACTION", c.user_interaction);
      w.optional_text("SCOPE", c.scope);
      w.optional_text("EXPLOIT_CODE_MATURITY", c.exploit_code_maturity);
    } else {
      w.open("ACCESS");
      w.optional_text("VECTOR", c.access_vector);
      w.optional_text("COMPLEXITY", c.access_complexity);
      w.close("ACCESS");
      w.open("IMPACT");
      w.optional_text("CONFIDENTIALITY", c.impact_confidentiality);
      w.optional_text("INTEGRITY", c.impact_integrity);
      w.optional_text("AVAILABILITY", c.impact_availability);
      w.close("IMPACT");
      w.optional_text("AUTHENTICATION", c.authentication);
      w.optional_text("EXPLOITABILITY", c.exploitability);
    }
    w.optional_text("REMEDIATION_LEVEL", c.remediation_level);
    w.optional_text("REPORT_CONFIDENCE", c.report_confidence);
  }
  w.close(name);
}

void write_vuln(XmlWriter& w, const Vuln& v, bool all) {
  w.open("VULN");
  w.text("QID", static_cast<std::int64_t>(v.qid));
  w.text("VULN_TYPE", v.vuln_type);
  w.text("SEVERITY_LEVEL", static_cast<std::int64_t>(v.severity_level));
  w.cdata("TITLE", v.title);
  w.optional_text("CATEGORY", v.category);
  w.optional_time("LAST_SERVICE_MODIFICATION_DATETIME", v.last_service_modification_datetime);
  w.optional_time("PUBLISHED_DATETIME", v.published_datetime);
  if (all) write_references(w, "BUGTRAQ_LIST", "BUGTRAQ", v.bugtraq_list);
  w.optional_bool("PATCHABLE", v.patchable);
  if (all && !v.software_list.empty()) {
    w.open("SOFTWARE_LIST");
    for (const auto& s : v.software_list) {
      w.open("SOFTWARE");
      w.cdata("PRODUCT", s.product);
      w.cdata("VENDOR", s.vendor);
      w.close("SOFTWARE");
    }
    w.close("SOFTWARE_LIST");
  }
  if (all) {
    write_references(w, "VENDOR_REFERENCE_LIST", "VENDOR_REFERENCE", v.vendor_reference_list);
    write_references(w, "CVE_LIST", "CVE", v.cve_list);
    w.optional_cdata("DIAGNOSIS", v.diagnosis);
    w.optional_cdata("CONSEQUENCE", v.consequence);
    w.optional_cdata("SOLUTION", v.solution);
    if (!v.compliance_list.empty()) {
      w.open("COMPLIANCE_LIST");
      for (const auto& c : v.compliance_list) {
        w.open("COMPLIANCE");
        w.text("TYPE", c.type);
        w.cdata("SECTION", c.section);
        w.cdata("DESCRIPTION", c.description);
        w.close("COMPLIANCE");
      }
      w.close("COMPLIANCE_LIST");
    }
    if (v.correlation) {
      w.open("CORRELATION");
      w.open("EXPLOITS");
      for (const auto& src : v.correlation->exploits) {
        w.open("EXPLT_SRC");
        w.cdata("SRC_NAME", src.src_name);
        w.open("EXPLT_LIST");
        for (const auto& e : src.explt_list) {
          w.open("EXPLT");
          w.cdata("REF", e.ref);
          w.cdata("DESC", e.desc);
          if (e.link) w.cdata("LINK", *e.link);
          w.close("EXPLT");
        }
        w.close("EXPLT_LIST");
        w.close("EXPLT_SRC");
      }
      w.close("EXPLOITS");
      w.close("CORRELATION");
    }
  }
  if (v.cvss) write_cvss(w, "CVSS", *v.cvss, false, all);
  if (v.cvss_v3) write_cvss(w, "CVSS_V3", *v.cvss_v3, true, all);
  w.optional_bool("PCI_FLAG", v.pci_flag);
  if (all && !v.threat_intelligence.empty()) {
    w.open("THREAT_INTELLIGENCE");
    for (const auto& t : v.threat_intelligence) {
      w.cdata("THREAT_INTEL", fmt::format("id=\"{}\"", t.id), t.text);
    }
    w.close("THREAT_INTELLIGENCE");
  }
  if (v.discovery) {
    w.open("DISCOVERY");
    w.boolean("REMOTE", v.discovery->remote.value_or(false));
    if (all && !v.discovery->auth_type_list.empty()) {
      w.open("AUTH_TYPE_LIST");
      for (const auto& a : v.discovery->auth_type_list)
        w.text("AUTH_TYPE", a);
      w.close("AUTH_TYPE_LIST");
    }
    if (all) w.optional_text("ADDITIONAL_INFO", v.discovery->additional_info);
    w.close("DISCOVERY");
  }
  w.close("VULN");
}

class KbBody final : public BodySource {
 public:
  KbBody(const RequestContext& ctx, KbRequest req)
      : options_(ctx.options),
        data_(ctx.data),
        params_(ctx.params),
        next_url_(ctx.next_url),
        req_(std::move(req)) {
    index_ = req_.id_min ? data_.kb_lower_bound(*req_.id_min) : 0;
  }

  bool next(std::string& out) override {
    if (!started_) {
      started_ = true;
      out += vm_prolog(options_, kRoot);
      XmlWriter w(out, 1);
      w.open("RESPONSE");
      w.text("DATETIME", data_.now());
      if (options_.keepalive_every != 0) write_keepalive(out, kRoot);
    }
    while (out.size() < kFlushBytes) {
      auto v = next_match();
      if (!v) return finish(out);
      if (req_.limit != 0 && emitted_ == req_.limit) {
        pending_warning_id_ = v->qid;
        return finish(out);
      }
      if (emitted_ == 0) XmlWriter(out, 2).open(req_.details == "None" ? "ID_SET" : "VULN_LIST");
      if (options_.keepalive_every != 0 && emitted_ != 0 &&
          emitted_ % options_.keepalive_every == 0) {
        write_keepalive(out, kRoot);
      }
      ++emitted_;
      XmlWriter w(out, 3);
      if (req_.details == "None") {
        w.text("ID", static_cast<std::int64_t>(v->qid));
      } else {
        write_vuln(w, *v, req_.details == "All");
      }
    }
    return true;
  }

 private:
  std::optional<Vuln> next_match() {
    while (index_ < data_.kb_size()) {
      const auto qid = data_.qid(index_);
      if (req_.id_max && qid > *req_.id_max) return std::nullopt;
      const auto i = index_++;
      if (!req_.ids.empty() && !in_ranges(req_.ids, qid)) continue;
      Vuln v = data_.vuln(i);
      if (req_.patchable && v.patchable != req_.patchable) continue;
      const auto& mod = v.last_service_modification_datetime;
      const auto& pub = v.published_datetime;
      if (req_.modified_after && (!mod || *mod < *req_.modified_after)) continue;
      if (req_.modified_before && (!mod || *mod > *req_.modified_before)) continue;
      if (req_.published_after && (!pub || *pub < *req_.published_after)) continue;
      if (req_.published_before && (!pub || *pub > *req_.published_before)) continue;
      return v;
    }
    return std::nullopt;
  }

  bool finish(std::string& out) {
    if (emitted_ != 0) XmlWriter(out, 3).close(req_.details == "None" ? "ID_SET" : "VULN_LIST");
    if (pending_warning_id_) {
      Params p = params_;
      p.set("id_min", std::to_string(*pending_warning_id_));
      XmlWriter w(out, 2);
      write_truncation_warning(w, req_.limit, next_url_ + "?" + p.encode());
    }
    XmlWriter(out, 2).close("RESPONSE");
    out += vm_epilogue(options_, kRoot, data_.now());
    return false;
  }

  const Options& options_;
  DataView data_;
  Params params_;
  std::string next_url_;
  KbRequest req_;
  std::uint32_t index_ = 0;
  std::uint64_t emitted_ = 0;
  std::optional<std::uint64_t> pending_warning_id_;
  bool started_ = false;
};

}  // namespace

BodyResult knowledge_base_body(const RequestContext& ctx) {
  const auto& p = ctx.params;
  if (auto ok = check_list_request(p, allowed_params()); !ok) return std::unexpected(ok.error());
  KbRequest req;
  auto details = p.choice("details", {"Basic", "All", "None"});
  if (!details) return std::unexpected(details.error());
  req.details = details->value_or("Basic");
  auto ids = p.id_list("ids");
  if (!ids) return std::unexpected(ids.error());
  req.ids = std::move(*ids);
  for (auto [name, slot] : {std::pair{"id_min", &req.id_min}, std::pair{"id_max", &req.id_max}}) {
    auto v = p.uint(name);
    if (!v) return std::unexpected(v.error());
    *slot = *v;
  }
  auto patchable = p.flag("is_patchable");
  if (!patchable) return std::unexpected(patchable.error());
  req.patchable = *patchable;
  for (auto [name, slot] : {std::pair{"last_modified_after", &req.modified_after},
                            std::pair{"last_modified_before", &req.modified_before},
                            std::pair{"last_modified_by_service_after", &req.modified_after},
                            std::pair{"last_modified_by_service_before", &req.modified_before},
                            std::pair{"published_after", &req.published_after},
                            std::pair{"published_before", &req.published_before}}) {
    auto d = p.date(name);
    if (!d) return std::unexpected(d.error());
    if (*d) *slot = *d;
  }
  auto limit = p.uint("truncation_limit");
  if (!limit) return std::unexpected(limit.error());
  req.limit = limit->value_or(ctx.options.kb_truncation);
  return std::make_unique<KbBody>(ctx, std::move(req));
}

}  // namespace qvm::sim
