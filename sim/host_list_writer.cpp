// HOST_LIST_OUTPUT (/api/2.0/fo/asset/host/?action=list): details None (ID_SET), Basic, All and
// their /AGs forms, truncation with WARNING 1980, streamed one host at a time.
#include <fmt/format.h>

#include "endpoints.hpp"
#include "host_filter.hpp"
#include "host_page_body.hpp"
#include "host_xml.hpp"
#include "vm_document.hpp"

namespace qvm::sim {
namespace {

constexpr std::string_view kRoot = "HOST_LIST_OUTPUT";

const std::vector<std::string_view>& allowed_params() {
  static const std::vector<std::string_view> names{"action",
                                                   "echo_request",
                                                   "details",
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
                                                   "no_compliance_scan_since",
                                                   "vm_scan_since",
                                                   "compliance_scan_since",
                                                   "vm_processed_before",
                                                   "vm_processed_after",
                                                   "vm_scan_date_before",
                                                   "vm_scan_date_after",
                                                   "vm_auth_scan_date_before",
                                                   "vm_auth_scan_date_after",
                                                   "scap_scan_since",
                                                   "no_scap_scan_since",
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
                                                   "show_trurisk",
                                                   "trurisk_min",
                                                   "trurisk_max",
                                                   "show_trurisk_factors",
                                                   "show_ars",
                                                   "ars_min",
                                                   "ars_max",
                                                   "show_ars_factors",
                                                   "show_qds",
                                                   "qds_min",
                                                   "qds_max"};
  return names;
}

struct HostListRequest {
  HostFilter filter;
  std::string details = "Basic";
  bool ags = false;
  bool show_asset_id = false;
  bool show_tags = false;
  bool show_cloud_tags = false;
  std::optional<std::string> metadata;
  std::uint64_t limit = 1000;
};

class HostListBody final : public HostPageBody {
 public:
  HostListBody(const RequestContext& ctx, HostListRequest req)
      : HostPageBody(ctx, kRoot, req.limit, req.filter), req_(std::move(req)) {}

 private:
  bool ids_only() const { return req_.details == "None"; }

  std::string_view list_element() const override { return ids_only() ? "ID_SET" : "HOST_LIST"; }

  std::optional<std::uint64_t> next_match() override {
    while (auto index = cursor().next()) {
      if (!req_.filter.matches_cheap(data(), *index)) continue;
      current_ = data().host(*index);
      if (req_.filter.matches(*current_)) return index;
    }
    return std::nullopt;
  }

  void write_record(XmlWriter& w, std::uint64_t index) override {
    if (ids_only()) {
      const auto id = req_.show_asset_id ? data().asset_id(index) : data().host_id(index);
      w.text("ID", static_cast<std::int64_t>(id));
    } else {
      write_host(w, *current_);
    }
  }

  void write_host(XmlWriter& w, const Host& h) const {
    const bool all = req_.details == "All";
    w.open("HOST");
    w.text("ID", static_cast<std::int64_t>(h.id));
    if (req_.show_asset_id) w.optional_int("ASSET_ID", h.asset_id);
    w.optional_text("IP", h.ip);
    w.optional_text("IPV6", h.ipv6);
    w.optional_text("TRACKING_METHOD", h.tracking_method);
    w.optional_cdata("DNS", h.dns);
    write_dns_data(w, h);
    w.optional_text("CLOUD_PROVIDER", h.cloud_provider);
    w.optional_text("CLOUD_SERVICE", h.cloud_service);
    w.optional_text("CLOUD_RESOURCE_ID", h.cloud_resource_id);
    w.optional_cdata("EC2_INSTANCE_ID", h.ec2_instance_id);
    w.optional_cdata("NETBIOS", h.netbios);
    w.optional_cdata("OS", h.os);
    w.optional_text("QG_HOSTID", h.qg_hostid);
    w.optional_time("LAST_BOOT", h.last_boot);
    w.optional_time("FIRST_FOUND_DATE", h.first_found_date);
    w.optional_time("LAST_ACTIVITY", h.last_activity);
    w.optional_text("AGENT_STATUS", h.agent_status);
    if (req_.show_tags) write_tags(w, h);
    if (req_.metadata) write_metadata(w, h, *req_.metadata);
    if (req_.show_cloud_tags) write_cloud_tags(w, h);
    w.optional_time("LAST_VULN_SCAN_DATETIME", h.last_vuln_scan_datetime);
    w.optional_time("LAST_VM_SCANNED_DATE", h.last_vm_scanned_date);
    w.optional_int("LAST_VM_SCANNED_DURATION", h.last_vm_scanned_duration);
    w.optional_time("LAST_VM_AUTH_SCANNED_DATE", h.last_vm_auth_scanned_date);
    w.optional_int("LAST_VM_AUTH_SCANNED_DURATION", h.last_vm_auth_scanned_duration);
    if (all) {
      w.optional_text("OWNER", h.owner);
      w.optional_cdata("COMMENTS", h.comments);
      if (h.user_def) {
        const auto& u = *h.user_def;
        w.open("USER_DEF");
        w.optional_text("LABEL_1", u.label_1);
        w.optional_text("LABEL_2", u.label_2);
        w.optional_text("LABEL_3", u.label_3);
        w.optional_cdata("VALUE_1", u.value_1);
        w.optional_cdata("VALUE_2", u.value_2);
        w.optional_cdata("VALUE_3", u.value_3);
        w.close("USER_DEF");
      }
    }
    if (req_.ags && !h.asset_group_ids.empty()) {
      std::string ids;
      for (auto id : h.asset_group_ids)
        ids += (ids.empty() ? "" : ",") + std::to_string(id);
      w.text("ASSET_GROUP_IDS", ids);
    }
    w.close("HOST");
  }

  HostListRequest req_;
  std::optional<Host> current_;
};

}  // namespace

BodyResult host_list_body(const RequestContext& ctx) {
  const auto& p = ctx.params;
  if (auto ok = check_list_request(p, allowed_params()); !ok) return std::unexpected(ok.error());
  HostListRequest req;
  auto filter = parse_host_filter(p, ctx.data);
  if (!filter) return std::unexpected(filter.error());
  req.filter = std::move(*filter);
  auto details = p.choice("details", {"Basic", "Basic/AGs", "All", "All/AGs", "None"});
  if (!details) return std::unexpected(details.error());
  auto d = details->value_or("Basic");
  req.ags = d.ends_with("/AGs");
  req.details = req.ags ? d.substr(0, d.size() - 4) : d;
  auto limit = p.uint("truncation_limit");
  if (!limit) return std::unexpected(limit.error());
  req.limit = limit->value_or(ctx.options.default_truncation);
  for (auto [name, slot] :
       {std::pair{"show_asset_id", &req.show_asset_id}, std::pair{"show_tags", &req.show_tags},
        std::pair{"show_cloud_tags", &req.show_cloud_tags}}) {
    auto f = p.flag(name);
    if (!f) return std::unexpected(f.error());
    *slot = f->value_or(false);
  }
  auto metadata = p.choice("host_metadata", {"all", "ec2", "azure", "google"});
  if (!metadata) return std::unexpected(metadata.error());
  req.metadata = *metadata;
  return std::make_unique<HostListBody>(ctx, std::move(req));
}

}  // namespace qvm::sim
