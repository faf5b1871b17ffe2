// SCAN_LIST_OUTPUT (/api/2.0/fo/scan/?action=list): scans launched in the last 30 days by default,
// filtered by scan_ref, state, type, processed, launch dates; plus ABOUT (/msp/about.php).
#include <fmt/format.h>
#include <algorithm>

#include "endpoints.hpp"
#include "vm_document.hpp"
#include "xml_writer.hpp"

namespace qvm::sim {
namespace {

const std::vector<std::string_view>& allowed_params() {
  static const std::vector<std::string_view> names{"action",
                                                   "echo_request",
                                                   "scan_ref",
                                                   "state",
                                                   "processed",
                                                   "type",
                                                   "target",
                                                   "user_login",
                                                   "launched_after_datetime",
                                                   "launched_before_datetime",
                                                   "show_ags",
                                                   "show_op",
                                                   "show_status",
                                                   "show_last",
                                                   "ignore_target",
                                                   "scan_type",
                                                   "client_id",
                                                   "client_name",
                                                   "scan_id",
                                                   "pci_only"};
  return names;
}

}  // namespace

BodyResult scan_list_body(const RequestContext& ctx) {
  const auto& p = ctx.params;
  if (auto ok = check_list_request(p, allowed_params()); !ok) return std::unexpected(ok.error());
  auto states = p.choice_list(
      "state", {"Running", "Paused", "Canceled", "Finished", "Error", "Queued", "Loading"});
  if (!states) return std::unexpected(states.error());
  auto type = p.choice("type", {"On-Demand", "Scheduled", "API"});
  if (!type) return std::unexpected(type.error());
  auto processed = p.flag("processed");
  if (!processed) return std::unexpected(processed.error());
  auto after = p.date("launched_after_datetime");
  if (!after) return std::unexpected(after.error());
  auto before = p.date("launched_before_datetime");
  if (!before) return std::unexpected(before.error());
  auto show_status = p.flag("show_status");
  if (!show_status) return std::unexpected(show_status.error());
  auto show_op = p.flag("show_op");
  if (!show_op) return std::unexpected(show_op.error());
  const auto* ref = p.get("scan_ref");
  const auto since = after->value_or(ctx.data.now() - std::chrono::days(30));

  std::string out = vm_prolog(ctx.options, "SCAN_LIST_OUTPUT");
  XmlWriter w(out, 1);
  w.open("RESPONSE");
  w.text("DATETIME", ctx.data.now());
  bool opened = false;
  for (const auto& s : ctx.data.scans()) {
    if (ref && s.ref != *ref) continue;
    if (!ref && s.launch_datetime && *s.launch_datetime < since) continue;
    if (*before && s.launch_datetime && *s.launch_datetime > **before) continue;
    if (!states->empty() &&
        std::find(states->begin(), states->end(), s.status_state.value_or("")) == states->end()) {
      continue;
    }
    if (*type && s.type != **type) continue;
    if (*processed && s.processed != **processed) continue;
    if (!opened) {
      w.open("SCAN_LIST");
      opened = true;
    }
    w.open("SCAN");
    w.text("REF", s.ref);
    w.text("TYPE", s.type);
    w.cdata("TITLE", s.title);
    w.text("USER_LOGIN", s.user_login);
    w.optional_time("LAUNCH_DATETIME", s.launch_datetime);
    w.optional_text("DURATION", s.duration);
    w.optional_text("PROCESSING_PRIORITY", s.processing_priority);
    w.optional_bool("PROCESSED", s.processed);
    if (show_status->value_or(true) && s.status_state) {
      w.open("STATUS");
      w.text("STATE", *s.status_state);
      w.optional_text("SUB_STATE", s.status_sub_state);
      w.close("STATUS");
    }
    w.optional_cdata("TARGET", s.target);
    if (show_op->value_or(false)) {
      w.open("OPTION_PROFILE");
      w.cdata("TITLE", s.option_profile_title.value_or("Initial Options"));
      w.close("OPTION_PROFILE");
    }
    w.close("SCAN");
  }
  if (opened) w.close("SCAN_LIST");
  w.close("RESPONSE");
  out += vm_epilogue(ctx.options, "SCAN_LIST_OUTPUT", ctx.data.now());
  return string_body(std::move(out));
}

std::unique_ptr<BodySource> about_body(const RequestContext& ctx) {
  std::string out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<!DOCTYPE ABOUT SYSTEM "
      "\"https://{}/about.dtd\">\n<ABOUT>\n  <API-VERSION MAJOR=\"1\" MINOR=\"4\" />\n"
      "  <WEB-VERSION>10.28.1.0-1</WEB-VERSION>\n  <SCANNER-VERSION>13.4.42-1</SCANNER-VERSION>\n"
      "  <VULNSIGS-VERSION>2.6.12-2</VULNSIGS-VERSION>\n</ABOUT>\n"
      "<!-- Generated for username=\"{}\" date=\"{}\" -->\n",
      ctx.options.platform_host, ctx.user, format_timestamp(ctx.data.now()));
  auto epilogue = vm_epilogue(ctx.options, "ABOUT", ctx.data.now());
  out += epilogue.substr(epilogue.find("<!--"));
  return string_body(std::move(out));
}

}  // namespace qvm::sim
