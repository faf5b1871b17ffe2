// HOST_LIST_VM_DETECTION_OUTPUT (/api/2.0/fo/asset/host/vm/detection/): host filters plus
// detection filters (qids, severities, status with Fixed excluded by default, show_igs,
// include_vuln_type, dates), paged by host; hosts without a matching detection are left out.
#include <fmt/format.h>
#include <algorithm>

#include "endpoints.hpp"
#include "host_filter.hpp"
#include "host_page_body.hpp"
#include "host_xml.hpp"
#include "vm_document.hpp"

namespace qvm::sim {
namespace {

constexpr std::string_view kRoot = "HOST_LIST_VM_DETECTION_OUTPUT";

const std::vector<std::string_view>& allowed_params() {
  static const std::vector<std::string_view> names{"action",
                                                   "echo_request",
                                                   "os_pattern",
                                                   "truncation_limit",
                                                   "ips",
                                                   "ipv6",
                                                   "ag_ids",
                                                   "ag_titles",
                                                   "ids",
                                                   "id_min",
                                                   "id_max",
                                                   "network_ids",
                                                   "compliance_enabled",
                                                   "no_vm_scan_since",
                                                   "vm_scan_since",
                                                   "max_days_since_last_vm_scan",
                                                   "vm_processed_before",
                                                   "vm_processed_after",
                                                   "vm_scan_date_before",
                                                   "vm_scan_date_after",
                                                   "vm_auth_scan_date_before",
                                                   "vm_auth_scan_date_after",
                                                   "use_tags",
                                                   "tag_set_by",
                                                   "tag_include_selector",
                                                   "tag_exclude_selector",
                                                   "tag_set_include",
                                                   "tag_set_exclude",
                                                   "show_tags",
                                                   "show_asset_id",
                                                   "host_metadata",
                                                   "host_metadata_fields",
                                                   "show_cloud_tags",
                                                   "cloud_tag_fields",
                                                   "qids",
                                                   "severities",
                                                   "status",
                                                   "show_results",
                                                   "show_igs",
                                                   "include_vuln_type",
                                                   "output_format",
                                                   "suppress_duplicated_data_from_csv",
                                                   "detection_updated_since",
                                                   "detection_updated_before",
                                                   "detection_processed_before",
                                                   "detection_processed_after",
                                                   "detection_last_tested_since",
                                                   "detection_last_tested_since_days",
                                                   "detection_last_tested_before",
                                                   "detection_last_tested_before_days",
                                                   "max_days_since_detection_updated",
                                                   "include_ignored",
                                                   "include_disabled",
                                                   "arf_kernel_filter",
                                                   "arf_service_filter",
                                                   "arf_config_filter",
                                                   "active_kernels_only",
                                                   "show_qds",
                                                   "qds_min",
                                                   "qds_max",
                                                   "show_qds_factors",
                                                   "include_search_list_titles",
                                                   "exclude_search_list_titles",
                                                   "include_search_list_ids",
                                                   "exclude_search_list_ids",
                                                   "filter_superseded_qids",
                                                   "show_reopened_info",
                                                   "show_trurisk",
                                                   "trurisk_min",
                                                   "trurisk_max",
                                                   "show_ars",
                                                   "ars_min",
                                                   "ars_max"};
  return names;
}

struct DetectionFilter {
  std::vector<IdRange> qids;
  std::vector<IdRange> severities;
  std::vector<std::string> status{"New", "Active", "Re-Opened"};
  bool show_igs = false;
  std::optional<std::string> vuln_type;  // Confirmed | Potential
  bool show_results = true;
  std::optional<Timestamp> updated_since, updated_before, processed_after, processed_before,
      tested_since, tested_before;

  bool matches(const Detection& d) const {
    if (!qids.empty() && !in_ranges(qids, d.qid)) return false;
    if (!severities.empty() &&
        !in_ranges(severities, static_cast<std::uint64_t>(d.severity.value_or(0)))) {
      return false;
    }
    if (std::find(status.begin(), status.end(), d.status.value_or("")) == status.end())
      return false;
    if (d.type == "Info") {
      if (!show_igs) return false;
    } else if (vuln_type && d.type != *vuln_type) {
      return false;
    }
    auto after = [](const std::optional<Timestamp>& v, const std::optional<Timestamp>& bound) {
      return !bound || (v && *v >= *bound);
    };
    auto before = [](const std::optional<Timestamp>& v, const std::optional<Timestamp>& bound) {
      return !bound || (v && *v <= *bound);
    };
    return after(d.last_update_datetime, updated_since) &&
           before(d.last_update_datetime, updated_before) &&
           after(d.last_processed_datetime, processed_after) &&
           before(d.last_processed_datetime, processed_before) &&
           after(d.last_test_datetime, tested_since) && before(d.last_test_datetime, tested_before);
  }
};

struct DetectionRequest {
  HostFilter hosts;
  DetectionFilter detections;
  std::uint64_t limit = 1000;
  bool show_asset_id = false;
  bool show_tags = false;
  bool show_cloud_tags = false;
  std::optional<std::string> metadata;
};

void write_detection(XmlWriter& w, const Detection& d, bool show_results) {
  w.open("DETECTION");
  w.optional_int("UNIQUE_VULN_ID", d.unique_vuln_id);
  w.text("QID", static_cast<std::int64_t>(d.qid));
  w.text("TYPE", d.type);
  w.optional_int("SEVERITY", d.severity);
  w.optional_int("PORT", d.port);
  w.optional_text("PROTOCOL", d.protocol);
  w.optional_cdata("FQDN", d.fqdn);
  w.optional_bool("SSL", d.ssl);
  w.optional_text("INSTANCE", d.instance);
  if (show_results) w.optional_cdata("RESULTS", d.results);
  w.optional_text("STATUS", d.status);
  w.optional_time("FIRST_FOUND_DATETIME", d.first_found_datetime);
  w.optional_time("LAST_FOUND_DATETIME", d.last_found_datetime);
  w.optional_int("TIMES_FOUND", d.times_found);
  w.optional_time("LAST_TEST_DATETIME", d.last_test_datetime);
  w.optional_time("LAST_UPDATE_DATETIME", d.last_update_datetime);
  w.optional_time("LAST_FIXED_DATETIME", d.last_fixed_datetime);
  w.optional_time("FIRST_REOPENED_DATETIME", d.first_reopened_datetime);
  w.optional_time("LAST_REOPENED_DATETIME", d.last_reopened_datetime);
  w.optional_int("TIMES_REOPENED", d.times_reopened);
  w.optional_text("SERVICE", d.service);
  w.optional_bool("IS_IGNORED", d.is_ignored);
  w.optional_bool("IS_DISABLED", d.is_disabled);
  w.optional_bool("AFFECT_RUNNING_KERNEL", d.affect_running_kernel);
  w.optional_bool("AFFECT_RUNNING_SERVICE", d.affect_running_service);
  w.optional_bool("AFFECT_EXPLOITABLE_CONFIG", d.affect_exploitable_config);
  w.optional_time("LAST_PROCESSED_DATETIME", d.last_processed_datetime);
  w.optional_text("ASSET_CVE", d.asset_cve);
  w.close("DETECTION");
}

class DetectionBody final : public HostPageBody {
 public:
  DetectionBody(const RequestContext& ctx, DetectionRequest req)
      : HostPageBody(ctx, kRoot, req.limit, req.hosts), req_(std::move(req)) {}

 private:
  std::string_view list_element() const override { return "HOST_LIST"; }

  // Hosts without a matching detection are left out, as the legacy HLD does.
  std::optional<std::uint64_t> next_match() override {
    while (auto index = cursor().next()) {
      if (!req_.hosts.matches_cheap(data(), *index)) continue;
      detections_ = data().detections(*index);
      std::erase_if(detections_, [&](const Detection& d) { return !req_.detections.matches(d); });
      if (detections_.empty()) continue;
      host_ = data().host(*index);
      if (req_.hosts.matches(host_)) return index;
    }
    return std::nullopt;
  }

  void write_record(XmlWriter& w, std::uint64_t) override { write_host(w); }

  void write_host(XmlWriter& w) const {
    const Host& h = host_;
    w.open("HOST");
    w.text("ID", static_cast<std::int64_t>(h.id));
    if (req_.show_asset_id) w.optional_int("ASSET_ID", h.asset_id);
    w.optional_text("IP", h.ip);
    w.optional_text("IPV6", h.ipv6);
    w.optional_text("TRACKING_METHOD", h.tracking_method);
    w.optional_cdata("OS", h.os);
    w.optional_cdata("DNS", h.dns);
    write_dns_data(w, h);
    w.optional_text("CLOUD_PROVIDER", h.cloud_provider);
    w.optional_text("CLOUD_SERVICE", h.cloud_service);
    w.optional_text("CLOUD_RESOURCE_ID", h.cloud_resource_id);
    w.optional_cdata("EC2_INSTANCE_ID", h.ec2_instance_id);
    w.optional_cdata("NETBIOS", h.netbios);
    w.optional_text("QG_HOSTID", h.qg_hostid);
    w.optional_time("LAST_SCAN_DATETIME", h.last_scan_datetime);
    w.optional_time("LAST_VM_SCANNED_DATE", h.last_vm_scanned_date);
    w.optional_int("LAST_VM_SCANNED_DURATION", h.last_vm_scanned_duration);
    w.optional_time("LAST_VM_AUTH_SCANNED_DATE", h.last_vm_auth_scanned_date);
    w.optional_int("LAST_VM_AUTH_SCANNED_DURATION", h.last_vm_auth_scanned_duration);
    w.optional_time("LAST_PC_SCANNED_DATE", h.last_pc_scanned_date);
    if (req_.show_tags) write_tags(w, h);
    if (req_.metadata) write_metadata(w, h, *req_.metadata);
    if (req_.show_cloud_tags) write_cloud_tags(w, h);
    w.open("DETECTION_LIST");
    for (const auto& d : detections_)
      write_detection(w, d, req_.detections.show_results);
    w.close("DETECTION_LIST");
    w.close("HOST");
  }

  DetectionRequest req_;
  Host host_;
  std::vector<Detection> detections_;
};

}  // namespace

BodyResult detection_body(const RequestContext& ctx) {
  const auto& p = ctx.params;
  if (auto ok = check_list_request(p, allowed_params()); !ok) return std::unexpected(ok.error());
  DetectionRequest req;
  auto hosts = parse_host_filter(p, ctx.data);
  if (!hosts) return std::unexpected(hosts.error());
  req.hosts = std::move(*hosts);
  auto& f = req.detections;
  auto qids = p.id_list("qids");
  if (!qids) return std::unexpected(qids.error());
  f.qids = std::move(*qids);
  auto severities = p.id_list("severities");
  if (!severities) return std::unexpected(severities.error());
  f.severities = std::move(*severities);
  for (const auto& r : f.severities) {
    if (r.last > 5) return std::unexpected(invalid_value("severities", *p.get("severities")));
  }
  auto status = p.choice_list("status", {"New", "Active", "Fixed", "Re-Opened"});
  if (!status) return std::unexpected(status.error());
  if (!status->empty()) f.status = std::move(*status);
  auto type = p.choice("include_vuln_type", {"confirmed", "potential"});
  if (!type) return std::unexpected(type.error());
  if (*type) f.vuln_type = **type == "confirmed" ? "Confirmed" : "Potential";
  auto format = p.choice("output_format", {"XML"});
  if (!format) return std::unexpected(format.error());
  for (auto [name, slot] : {std::pair{"detection_updated_since", &f.updated_since},
                            std::pair{"detection_updated_before", &f.updated_before},
                            std::pair{"detection_processed_after", &f.processed_after},
                            std::pair{"detection_processed_before", &f.processed_before},
                            std::pair{"detection_last_tested_since", &f.tested_since},
                            std::pair{"detection_last_tested_before", &f.tested_before}}) {
    auto d = p.date(name);
    if (!d) return std::unexpected(d.error());
    *slot = *d;
  }
  auto since_days = p.uint("detection_last_tested_since_days");
  if (!since_days) return std::unexpected(since_days.error());
  if (*since_days) f.tested_since = ctx.data.now() - std::chrono::days(**since_days);
  auto before_days = p.uint("detection_last_tested_before_days");
  if (!before_days) return std::unexpected(before_days.error());
  if (*before_days) f.tested_before = ctx.data.now() - std::chrono::days(**before_days);
  bool show_results = true;
  for (auto [name, slot] :
       {std::pair{"show_asset_id", &req.show_asset_id}, std::pair{"show_tags", &req.show_tags},
        std::pair{"show_cloud_tags", &req.show_cloud_tags}, std::pair{"show_igs", &f.show_igs},
        std::pair{"show_results", &show_results}}) {
    auto v = p.flag(name);
    if (!v) return std::unexpected(v.error());
    if (*v) *slot = **v;
  }
  f.show_results = show_results;
  auto metadata = p.choice("host_metadata", {"all", "ec2", "azure", "google"});
  if (!metadata) return std::unexpected(metadata.error());
  req.metadata = *metadata;
  auto limit = p.uint("truncation_limit");
  if (!limit) return std::unexpected(limit.error());
  req.limit = limit->value_or(ctx.options.default_truncation);
  return std::make_unique<DetectionBody>(ctx, std::move(req));
}

}  // namespace qvm::sim
