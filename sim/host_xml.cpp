// Shared HOST sub-elements, written in the order of the Qualys DTDs.
#include "host_xml.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>

namespace qvm::sim {

void write_dns_data(XmlWriter& w, const Host& h) {
  if (!h.dns_data) return;
  w.open("DNS_DATA");
  w.optional_cdata("HOSTNAME", h.dns_data->hostname);
  w.optional_cdata("DOMAIN", h.dns_data->domain);
  w.optional_cdata("FQDN", h.dns_data->fqdn);
  w.close("DNS_DATA");
}

void write_tags(XmlWriter& w, const Host& h) {
  if (h.tags.empty()) return;
  w.open("TAGS");
  for (const auto& t : h.tags) {
    w.open("TAG");
    w.optional_int("TAG_ID", t.tag_id);
    w.cdata("NAME", t.name);
    w.close("TAG");
  }
  w.close("TAGS");
}

void write_metadata(XmlWriter& w, const Host& h, std::string_view which) {
  bool opened = false;
  std::string provider;
  for (const auto& a : h.metadata) {
    std::string lower = a.provider;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (which != "all" && which != lower) continue;
    if (!opened) {
      w.open("METADATA");
      opened = true;
    }
    if (provider != a.provider) {
      if (!provider.empty()) w.close(provider);
      provider = a.provider;
      w.open(provider);
    }
    w.open("ATTRIBUTE");
    w.cdata("NAME", a.name);
    w.optional_text("LAST_STATUS", a.last_status);
    w.optional_cdata("VALUE", a.value);
    w.optional_time("LAST_SUCCESS_DATE", a.last_success_date);
    w.optional_time("LAST_ERROR_DATE", a.last_error_date);
    w.optional_cdata("LAST_ERROR", a.last_error);
    w.close("ATTRIBUTE");
  }
  if (!provider.empty()) w.close(provider);
  if (opened) w.close("METADATA");
}

void write_cloud_tags(XmlWriter& w, const Host& h) {
  if (h.cloud_provider_tags.empty()) return;
  w.open("CLOUD_PROVIDER_TAGS");
  for (const auto& t : h.cloud_provider_tags) {
    w.open("CLOUD_TAG");
    w.cdata("NAME", t.name);
    w.cdata("VALUE", t.value);
    w.optional_time("LAST_SUCCESS_DATE", t.last_success_date);
    w.close("CLOUD_TAG");
  }
  w.close("CLOUD_PROVIDER_TAGS");
}

void write_keepalive(std::string& out, std::string_view root) {
  out += fmt::format("\n<!-- keep-alive for {}  -->", root);
}

void write_truncation_warning(XmlWriter& w, std::uint64_t limit, const std::string& url) {
  w.open("WARNING");
  w.text("CODE", std::int64_t{1980});
  w.text("TEXT",
         fmt::format("{} record limit exceeded. Use URL to get next batch of results.", limit));
  w.cdata("URL", url);
  w.close("WARNING");
}

}  // namespace qvm::sim
