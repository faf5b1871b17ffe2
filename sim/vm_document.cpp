// Prolog, epilogue and small documents of the VM API, in the recorded byte shapes.
#include "vm_document.hpp"

#include <fmt/format.h>
#include <chrono>

#include "xml_writer.hpp"

namespace qvm::sim {
namespace {

constexpr std::string_view kEvaluationBanner =
    "<!-- This report was generated with an evaluation version of Qualys //--> \n";

}  // namespace

std::string_view dtd_path(std::string_view root, bool old_paths) {
  if (root == "HOST_LIST_OUTPUT") {
    return old_paths ? "/api/2.0/fo/asset/host/host_list_output.dtd"
                     : "/api/2.0/fo/asset/host/dtd/list/output.dtd";
  }
  if (root == "HOST_LIST_VM_DETECTION_OUTPUT") {
    return old_paths ? "/api/2.0/fo/asset/host/vm/detection/host_list_vm_detection_output.dtd"
                     : "/api/2.0/fo/asset/host/vm/detection/dtd/output.dtd";
  }
  if (root == "KNOWLEDGE_BASE_VULN_LIST_OUTPUT") {
    return "/api/2.0/fo/knowledge_base/vuln/knowledge_base_vuln_list_output.dtd";
  }
  if (root == "SCAN_LIST_OUTPUT") return "/api/2.0/fo/scan/scan_list_output.dtd";
  if (root == "ABOUT") return "/about.dtd";
  return "/api/2.0/simple_return.dtd";
}

std::string vm_prolog(const Options& o, std::string_view root, bool xml_declaration) {
  std::string out;
  if (xml_declaration) out += "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";
  out += fmt::format("<!DOCTYPE {} SYSTEM \"https://{}{}\">\n", root, o.platform_host,
                     dtd_path(root, o.old_dtd_paths));
  if (o.evaluation_banner) out += kEvaluationBanner;
  out += fmt::format("<{}>", root);
  return out;
}

std::string vm_epilogue(const Options& o, std::string_view root, Timestamp now) {
  const auto year = static_cast<int>(
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
  std::string out = fmt::format("\n</{}>\n", root);
  if (o.evaluation_banner) out += kEvaluationBanner;
  out += fmt::format(
      "<!-- CONFIDENTIAL AND PROPRIETARY INFORMATION. Qualys provides the QualysGuard Service "
      "\"As Is,\" without any warranty of any kind. Qualys makes no warranty that the information "
      "contained in this report is complete or error-free. Copyright {}, Qualys, Inc. //--> \n",
      year);
  return out;
}

std::string simple_return(const Options& o, Timestamp now, int code, std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& items,
                          bool xml_declaration) {
  std::string out;
  if (xml_declaration) out += "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";
  out += fmt::format("<!DOCTYPE SIMPLE_RETURN SYSTEM \"https://{}{}\">\n<SIMPLE_RETURN>",
                     o.platform_host, dtd_path("SIMPLE_RETURN", o.old_dtd_paths));
  XmlWriter w(out, 1);
  w.open("RESPONSE");
  w.text("DATETIME", now);
  if (code != 0) w.text("CODE", static_cast<std::int64_t>(code));
  w.text("TEXT", text);
  if (!items.empty()) {
    w.open("ITEM_LIST");
    for (const auto& [key, value] : items) {
      w.open("ITEM");
      w.text("KEY", key);
      w.text("VALUE", value);
      w.close("ITEM");
    }
    w.close("ITEM_LIST");
  }
  w.close("RESPONSE");
  out += "\n</SIMPLE_RETURN>\n";
  return out;
}

std::string apache_301_page(std::string_view location_for_page) {
  return fmt::format(
      "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>301 Moved "
      "Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved "
      "<a href=\"{}\">here</a>.</p>\n</body></html>\n",
      location_for_page);
}

std::string apache_414_page() {
  return "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>414 "
         "Request-URI Too Long</title>\n</head><body>\n<h1>Request-URI Too Long</h1>\n<p>The "
         "requested URL's length exceeds the capacity\nlimit for this server.<br />\n</p>\n"
         "</body></html>\n";
}

std::string apache_error_page(int status, std::string_view title, std::string_view text) {
  return fmt::format(
      "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>{} {}</title>\n"
      "</head><body>\n<h1>{}</h1>\n<p>{}</p>\n</body></html>\n",
      status, title, title, text);
}

}  // namespace qvm::sim
