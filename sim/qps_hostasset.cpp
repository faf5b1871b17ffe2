// QPS Asset Management host assets: search (ServiceRequest Criteria, limitResults,
// hasMoreRecords/lastId paging), count and get. Errors are ServiceResponse documents with HTTP
// 200, as Qualys sends them.
#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <regex>

#include "endpoints.hpp"
#include "xml_writer.hpp"

namespace qvm::sim {
namespace {

std::string xml_unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool done = false;
    for (auto [entity, c] : kEntities) {
      if (s.substr(i).starts_with(entity)) {
        out += c;
        i += entity.size() - 1;
        done = true;
        break;
      }
    }
    if (!done) out += '&';
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split_list(const std::string& v) {
  std::vector<std::string> out;
  std::string item;
  for (char c : v + ",") {
    if (c == ',') {
      if (auto t = trim(item); !t.empty()) out.push_back(t);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

struct Criterion {
  std::string field;
  std::string op;  // EQUALS | IN | GREATER | LESSER | CONTAINS
  std::string value;
  std::vector<std::uint64_t> numbers;  // id, qwebHostId
  std::optional<Timestamp> time;       // updated
};

struct SearchRequest {
  std::vector<Criterion> criteria;
  std::uint64_t limit = 100;
  std::optional<std::uint64_t> start_from_id;
  std::uint64_t start_from_offset = 1;
};

struct QpsError {
  std::string message;
  std::string resolution;
};

constexpr std::string_view kFields[] = {
    "id",          "qwebHostId", "address", "name",           "os",
    "dnsHostName", "tagName",    "updated", "trackingMethod", "netbiosName"};

std::expected<SearchRequest, QpsError> parse_request(std::string_view xml) {
  SearchRequest req;
  const std::string text(xml);
  static const std::regex limit_re(R"(<limitResults>\s*([^<]*?)\s*</limitResults>)");
  static const std::regex start_re(R"(<startFromId>\s*([^<]*?)\s*</startFromId>)");
  static const std::regex offset_re(R"(<startFromOffset>\s*([^<]*?)\s*</startFromOffset>)");
  static const std::regex criteria_re(
      R"(<Criteria\s+field\s*=\s*["']([^"']*)["']\s+operator\s*=\s*["']([^"']*)["']\s*>([^<]*)</Criteria>)");
  auto number = [](const std::string& s) -> std::optional<std::uint64_t> {
    if (s.empty() ||
        !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return std::nullopt;
    }
    try {
      return std::stoull(s);
    } catch (...) {
      return std::nullopt;
    }
  };
  std::smatch m;
  if (std::regex_search(text, m, limit_re)) {
    auto n = number(m[1]);
    if (!n || *n < 1 || *n > 1000) {
      return std::unexpected(
          QpsError{fmt::format("preferences: Invalid value for limitResults ({}).", m[1].str()),
                   "Specify a value between 1 and 1000."});
    }
    req.limit = *n;
  }
  if (std::regex_search(text, m, start_re)) {
    auto n = number(m[1]);
    if (!n) {
      return std::unexpected(
          QpsError{fmt::format("preferences: Invalid value for startFromId ({}).", m[1].str()),
                   "Specify the value as Long."});
    }
    req.start_from_id = n;
  }
  if (std::regex_search(text, m, offset_re)) {
    auto n = number(m[1]);
    if (!n || *n == 0) {
      return std::unexpected(
          QpsError{fmt::format("preferences: Invalid value for startFromOffset ({}).", m[1].str()),
                   "Specify a positive integer."});
    }
    req.start_from_offset = *n;
  }
  for (auto it = std::sregex_iterator(text.begin(), text.end(), criteria_re);
       it != std::sregex_iterator(); ++it) {
    Criterion c{(*it)[1], (*it)[2], trim(xml_unescape((*it)[3].str())), {}, std::nullopt};
    if (std::find(std::begin(kFields), std::end(kFields), c.field) == std::end(kFields)) {
      return std::unexpected(QpsError{fmt::format("Criteria: Unknown field '{}'.", c.field),
                                      "Specify a supported search field."});
    }
    static constexpr std::string_view kOps[] = {"EQUALS", "IN", "GREATER", "LESSER", "CONTAINS"};
    if (std::find(std::begin(kOps), std::end(kOps), c.op) == std::end(kOps)) {
      return std::unexpected(
          QpsError{fmt::format("Criteria: Invalid operator '{}' for criteria '{}'.", c.op, c.field),
                   "Specify a supported operator."});
    }
    if (c.field == "id" || c.field == "qwebHostId") {
      for (const auto& v : c.op == "IN" ? split_list(c.value) : std::vector<std::string>{c.value}) {
        auto n = number(v);
        if (!n || c.op == "CONTAINS") {
          return std::unexpected(
              QpsError{fmt::format("Criteria: Invalid value format for criteria '{}' ({}).",
                                   c.field, c.value),
                       "Specify criteria value(s) as Long."});
        }
        c.numbers.push_back(*n);
      }
    } else if (c.field == "updated") {
      c.time = parse_timestamp(c.value);
      if (!c.time) {
        return std::unexpected(QpsError{
            fmt::format("Criteria: Invalid value format for criteria 'updated' ({}).", c.value),
            "Specify criteria value(s) as Date."});
      }
    }
    req.criteria.push_back(std::move(c));
  }
  return req;
}

bool compare_number(const Criterion& c, std::uint64_t v) {
  if (c.op == "GREATER") return v > c.numbers[0];
  if (c.op == "LESSER") return v < c.numbers[0];
  return std::find(c.numbers.begin(), c.numbers.end(), v) != c.numbers.end();
}

bool compare_text(const Criterion& c, const std::optional<std::string>& v) {
  if (!v) return false;
  if (c.op == "CONTAINS") return lower(*v).find(lower(c.value)) != std::string::npos;
  if (c.op == "IN") {
    auto items = split_list(c.value);
    return std::any_of(items.begin(), items.end(),
                       [&](const std::string& i) { return lower(i) == lower(*v); });
  }
  if (c.op == "GREATER") return *v > c.value;
  if (c.op == "LESSER") return *v < c.value;
  return lower(*v) == lower(c.value);
}

// Cheap view of an asset's searchable fields, from the host (no detections generated).
bool matches(const DataView& data, std::uint64_t index, const std::vector<Criterion>& criteria) {
  std::optional<Host> host;
  for (const auto& c : criteria) {
    if (c.field == "id") {
      if (!compare_number(c, data.asset_id(index))) return false;
      continue;
    }
    if (c.field == "qwebHostId") {
      if (!compare_number(c, data.host_id(index))) return false;
      continue;
    }
    if (!host) host = data.host(index);
    const Host& h = *host;
    bool ok = true;
    if (c.field == "address") {
      ok = compare_text(c, h.ip ? h.ip : h.ipv6);
    } else if (c.field == "name") {
      ok = compare_text(
          c, h.dns_data && h.dns_data->hostname ? h.dns_data->hostname : (h.ip ? h.ip : h.ipv6));
    } else if (c.field == "os") {
      ok = compare_text(c, h.os);
    } else if (c.field == "dnsHostName") {
      ok = compare_text(c, h.dns_data ? h.dns_data->hostname : std::nullopt);
    } else if (c.field == "netbiosName") {
      ok = compare_text(c, h.netbios);
    } else if (c.field == "trackingMethod") {
      const auto& tm = *h.tracking_method;
      ok = compare_text(c, std::string(tm == "EC2"     ? "INSTANCE_ID"
                                       : tm == "AGENT" ? "QAGENT"
                                       : tm == "DNS"   ? "DNSNAME"
                                                       : "IP"));
    } else if (c.field == "tagName") {
      ok = std::any_of(h.tags.begin(), h.tags.end(),
                       [&](const HostTag& t) { return compare_text(c, t.name); });
    } else if (c.field == "updated") {
      const auto t = h.last_vm_scanned_date;
      ok = t && (c.op == "GREATER"  ? *t > *c.time
                 : c.op == "LESSER" ? *t < *c.time
                                    : *t == *c.time);
    }
    if (!ok) return false;
  }
  return true;
}

// Candidate indices: from id / qwebHostId bounds when the criteria give some, else all.
std::vector<std::pair<std::uint64_t, std::uint64_t>> candidate_ranges(const DataView& data,
                                                                      const SearchRequest& req) {
  std::uint64_t lo = 0, hi = data.host_count();
  auto asset_lower_bound = [&](std::uint64_t id) {
    std::uint64_t a = 0, b = data.host_count();
    while (a < b) {
      auto mid = a + (b - a) / 2;
      if (data.asset_id(mid) < id) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  };
  if (req.start_from_id) lo = std::max(lo, asset_lower_bound(*req.start_from_id));
  std::vector<std::pair<std::uint64_t, std::uint64_t>> points;
  bool pointwise = false;
  for (const auto& c : req.criteria) {
    if (c.field == "id") {
      if (c.op == "GREATER") lo = std::max(lo, asset_lower_bound(c.numbers[0] + 1));
      if (c.op == "LESSER") hi = std::min(hi, asset_lower_bound(c.numbers[0]));
      if (c.op == "EQUALS" || c.op == "IN") {
        pointwise = true;
        for (auto n : c.numbers) {
          if (auto i = data.asset_index(n)) points.emplace_back(*i, *i + 1);
        }
      }
    } else if (c.field == "qwebHostId") {
      if (c.op == "GREATER") lo = std::max(lo, data.lower_bound(c.numbers[0] + 1));
      if (c.op == "LESSER") hi = std::min(hi, data.lower_bound(c.numbers[0]));
      if (c.op == "EQUALS" || c.op == "IN") {
        pointwise = true;
        for (auto n : c.numbers) {
          if (auto i = data.host_index(n)) points.emplace_back(*i, *i + 1);
        }
      }
    }
  }
  if (!pointwise)
    return lo < hi ? std::vector{std::pair{lo, hi}}
                   : std::vector<std::pair<std::uint64_t, std::uint64_t>>{};
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::erase_if(points, [&](const auto& p) { return p.first < lo || p.first >= hi; });
  return points;
}

std::string response_head(const Options& o) {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServiceResponse "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:noNamespaceSchemaLocation=\"https://{}/qps/xsd/2.0/am/hostasset.xsd\">",
      o.platform_host);
}

void write_list(XmlWriter& w, std::string_view name, bool empty) {
  w.open(name);
  if (empty) {
    w.empty("list");
  } else {
    w.open("list");
  }
}

void close_list(XmlWriter& w, std::string_view name, bool empty) {
  if (!empty) w.close("list");
  w.close(name);
}

void write_asset(XmlWriter& w, const HostAsset& a) {
  w.open("HostAsset");
  w.text("id", static_cast<std::int64_t>(a.id));
  w.optional_text("name", a.name);
  w.optional_time("created", a.created);
  w.optional_time("modified", a.modified);
  w.optional_text("type", a.type);
  write_list(w, "tags", a.tags.empty());
  for (const auto& t : a.tags) {
    w.open("TagSimple");
    w.text("id", static_cast<std::int64_t>(t.id));
    w.text("name", t.name);
    w.close("TagSimple");
  }
  close_list(w, "tags", a.tags.empty());
  write_list(w, "sourceInfo", a.source_info.empty());
  for (const auto& s : a.source_info) {
    if (s.fields.empty() && s.tags.empty()) {
      w.empty(s.type);
      continue;
    }
    w.open(s.type);
    for (const auto& [k, v] : s.fields)
      w.text(k, v);
    if (!s.tags.empty()) {
      w.open("ec2InstanceTags");
      w.open("tags");
      w.open("list");
      for (const auto& [k, v] : s.tags) {
        w.open("EC2Tags");
        w.text("key", k);
        w.text("value", v);
        w.close("EC2Tags");
      }
      w.close("list");
      w.close("tags");
      w.close("ec2InstanceTags");
    }
    w.close(s.type);
  }
  close_list(w, "sourceInfo", a.source_info.empty());
  w.optional_int("qwebHostId", a.qweb_host_id);
  w.optional_time("lastComplianceScan", a.last_compliance_scan);
  w.optional_time("lastSystemBoot", a.last_system_boot);
  w.optional_text("lastLoggedOnUser", a.last_logged_on_user);
  w.optional_text("dnsHostName", a.dns_host_name);
  w.optional_text("os", a.os);
  w.optional_text("fqdn", a.fqdn);
  w.optional_time("lastVulnScan", a.last_vuln_scan);
  w.optional_time("vulnsUpdated", a.vulns_updated);
  if (a.agent_info) {
    const auto& g = *a.agent_info;
    w.open("agentInfo");
    w.optional_text("agentVersion", g.agent_version);
    w.optional_text("agentId", g.agent_id);
    w.optional_text("status", g.status);
    w.optional_time("lastCheckedIn", g.last_checked_in);
    w.optional_text("connectedFrom", g.connected_from);
    w.optional_text("chirpStatus", g.chirp_status);
    w.optional_text("platform", g.platform);
    w.optional_text("activatedModule", g.activated_module);
    if (g.agent_configuration_id || g.agent_configuration_name) {
      w.open("agentConfiguration");
      w.optional_text("id", g.agent_configuration_id);
      w.optional_text("name", g.agent_configuration_name);
      w.close("agentConfiguration");
    }
    if (g.activation_id || g.activation_title) {
      w.open("activationKey");
      w.optional_text("activationId", g.activation_id);
      w.optional_text("title", g.activation_title);
      w.close("activationKey");
    }
    w.close("agentInfo");
  }
  w.optional_text("netbiosName", a.netbios_name);
  w.optional_text("networkGuid", a.network_guid);
  w.optional_text("address", a.address);
  w.optional_text("trackingMethod", a.tracking_method);
  w.optional_text("manufacturer", a.manufacturer);
  w.optional_text("model", a.model);
  w.optional_int("totalMemory", a.total_memory);
  w.optional_text("timezone", a.timezone);
  w.optional_text("biosDescription", a.bios_description);
  if (a.is_docker_host) w.text("isDockerHost", *a.is_docker_host ? "true" : "false");
  write_list(w, "openPort", a.open_port.empty());
  for (const auto& p : a.open_port) {
    w.open("HostAssetOpenPort");
    w.text("port", static_cast<std::int64_t>(p.port));
    w.text("protocol", p.protocol);
    w.optional_text("serviceName", p.service_name);
    w.close("HostAssetOpenPort");
  }
  close_list(w, "openPort", a.open_port.empty());
  write_list(w, "software", a.software.empty());
  for (const auto& s : a.software) {
    w.open("HostAssetSoftware");
    w.text("name", s.name);
    w.optional_text("version", s.version);
    w.close("HostAssetSoftware");
  }
  close_list(w, "software", a.software.empty());
  write_list(w, "vuln", a.vuln.empty());
  for (const auto& v : a.vuln) {
    w.open("HostAssetVuln");
    w.text("qid", static_cast<std::int64_t>(v.qid));
    w.optional_int("hostInstanceVulnId", v.host_instance_vuln_id);
    w.optional_time("firstFound", v.first_found);
    w.optional_time("lastFound", v.last_found);
    w.close("HostAssetVuln");
  }
  close_list(w, "vuln", a.vuln.empty());
  write_list(w, "processor", a.processor.empty());
  for (const auto& p : a.processor) {
    w.open("HostAssetProcessor");
    w.text("name", p.name);
    w.optional_text("speed", p.speed);
    w.close("HostAssetProcessor");
  }
  close_list(w, "processor", a.processor.empty());
  write_list(w, "volume", a.volume.empty());
  for (const auto& v : a.volume) {
    w.open("HostAssetVolume");
    w.text("name", v.name);
    w.optional_text("size", v.size);
    w.optional_text("free", v.free);
    w.close("HostAssetVolume");
  }
  close_list(w, "volume", a.volume.empty());
  write_list(w, "account", a.account.empty());
  for (const auto& u : a.account) {
    w.open("HostAssetAccount");
    w.text("username", u);
    w.close("HostAssetAccount");
  }
  close_list(w, "account", a.account.empty());
  write_list(w, "networkInterface", a.network_interface.empty());
  for (const auto& n : a.network_interface) {
    w.open("HostAssetInterface");
    w.optional_text("hostname", n.hostname);
    w.optional_text("interfaceId", n.interface_id);
    w.optional_text("interfaceName", n.interface_name);
    w.optional_text("type", n.type);
    w.optional_text("address", n.address);
    w.optional_text("gatewayAddress", n.gateway_address);
    w.optional_text("macAddress", n.mac_address);
    w.close("HostAssetInterface");
  }
  close_list(w, "networkInterface", a.network_interface.empty());
  w.close("HostAsset");
}

// Streams the matching assets of one page: they are generated one at a time.
class SearchBody final : public BodySource {
 public:
  SearchBody(const RequestContext& ctx, std::vector<std::uint64_t> page, bool more)
      : options_(ctx.options), data_(ctx.data), page_(std::move(page)), more_(more) {}

  bool next(std::string& out) override {
    if (!started_) {
      started_ = true;
      out += response_head(options_);
      XmlWriter w(out, 1);
      w.text("responseCode", "SUCCESS");
      w.text("count", static_cast<std::int64_t>(page_.size()));
      if (page_.empty()) return finish(out);
      w.text("hasMoreRecords", more_ ? "true" : "false");
      if (more_) w.text("lastId", static_cast<std::int64_t>(data_.asset_id(page_.back())));
      w.open("data");
    }
    while (out.size() < kFlushBytes && next_ < page_.size()) {
      XmlWriter w(out, 2);
      write_asset(w, data_.host_asset(page_[next_++]));
    }
    if (next_ < page_.size()) return true;
    XmlWriter(out, 2).close("data");
    return finish(out);
  }

 private:
  bool finish(std::string& out) {
    out += "\n</ServiceResponse>";
    return false;
  }

  const Options& options_;
  DataView data_;
  std::vector<std::uint64_t> page_;
  bool more_;
  size_t next_ = 0;
  bool started_ = false;
};

}  // namespace

std::string qps_error_document(const Options& o, std::string_view response_code,
                               std::string_view message, std::string_view resolution) {
  std::string out = response_head(o);
  XmlWriter w(out, 1);
  w.text("responseCode", response_code);
  w.open("responseErrorDetails");
  w.text("errorMessage", message);
  if (!resolution.empty()) w.text("errorResolution", resolution);
  w.close("responseErrorDetails");
  out += "\n</ServiceResponse>";
  return out;
}

std::unique_ptr<BodySource> qps_search_body(const RequestContext& ctx, std::string_view xml,
                                            QpsOperation operation) {
  auto req = parse_request(xml);
  if (!req) {
    return string_body(qps_error_document(ctx.options, "INVALID_REQUEST", req.error().message,
                                          req.error().resolution));
  }
  const auto ranges = candidate_ranges(ctx.data, *req);
  const bool needs_check = !req->criteria.empty();
  if (operation == QpsOperation::kCount) {
    std::uint64_t count = 0;
    for (const auto& [a, b] : ranges) {
      if (!needs_check) {
        count += b - a;
        continue;
      }
      for (auto i = a; i < b; ++i)
        count += matches(ctx.data, i, req->criteria) ? 1 : 0;
    }
    std::string out = response_head(ctx.options);
    XmlWriter w(out, 1);
    w.text("responseCode", "SUCCESS");
    w.text("count", static_cast<std::int64_t>(count));
    out += "\n</ServiceResponse>";
    return string_body(std::move(out));
  }
  std::vector<std::uint64_t> page;
  bool more = false;
  std::uint64_t skip = req->start_from_offset - 1;
  for (const auto& [a, b] : ranges) {
    for (auto i = a; i < b && !more; ++i) {
      if (needs_check && !matches(ctx.data, i, req->criteria)) continue;
      if (skip != 0) {
        --skip;
        continue;
      }
      if (page.size() == req->limit) {
        more = true;
      } else {
        page.push_back(i);
      }
    }
    if (more) break;
  }
  return std::make_unique<SearchBody>(ctx, std::move(page), more);
}

std::unique_ptr<BodySource> qps_get_body(const RequestContext& ctx, std::string_view id) {
  std::uint64_t n = 0;
  bool numeric = !id.empty() &&
                 std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); });
  if (numeric) {
    try {
      n = std::stoull(std::string(id));
    } catch (...) {
      numeric = false;
    }
  }
  if (!numeric) {
    return string_body(qps_error_document(ctx.options, "INVALID_REQUEST",
                                          fmt::format("Invalid value format for id ({}).", id),
                                          "Specify the id as Long."));
  }
  auto index = ctx.data.asset_index(n);
  if (!index) {
    return string_body(qps_error_document(ctx.options, "NOT_FOUND",
                                          fmt::format("HostAsset with id {} not found.", n), ""));
  }
  return std::make_unique<SearchBody>(ctx, std::vector<std::uint64_t>{*index}, false);
}

}  // namespace qvm::sim
