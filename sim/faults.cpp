// Fault rules: parsing the --fault syntax, naming, and the reproducible per-call decision.
#include "faults.hpp"

#include <fmt/format.h>
#include <charconv>

#include "seeded.hpp"

namespace qvm::sim {
namespace {

constexpr std::pair<FaultKind, std::string_view> kKinds[] = {
    {FaultKind::kDrop, "drop"},
    {FaultKind::kTruncate, "truncate"},
    {FaultKind::kHttp500, "500"},
    {FaultKind::kHttp502, "502"},
    {FaultKind::kHttp503, "503"},
    {FaultKind::kDelay, "delay"},
    {FaultKind::kStall, "stall"},
    {FaultKind::kRate409, "409-rate"},
    {FaultKind::kConcurrency409, "409-concurrency"},
    {FaultKind::kErrorIn200, "error-200"},
    {FaultKind::kMalformed, "malformed"},
};

constexpr std::pair<Endpoint, std::string_view> kEndpoints[] = {
    {Endpoint::kAbout, "about"},          {Endpoint::kSession, "session"},
    {Endpoint::kHostList, "host"},        {Endpoint::kDetections, "hld"},
    {Endpoint::kKnowledgeBase, "kb"},     {Endpoint::kScanList, "scan"},
    {Endpoint::kQpsSearch, "qps-search"}, {Endpoint::kQpsGet, "qps-get"},
    {Endpoint::kQpsCount, "qps-count"},
};

}  // namespace

std::string_view endpoint_name(Endpoint e) {
  for (auto [k, n] : kEndpoints) {
    if (k == e) return n;
  }
  return "?";
}

std::optional<Endpoint> endpoint_from_name(std::string_view name) {
  for (auto [k, n] : kEndpoints) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view endpoint_path(Endpoint e) {
  switch (e) {
    case Endpoint::kAbout:
      return "/msp/about.php";
    case Endpoint::kSession:
      return "/api/2.0/fo/session/";
    case Endpoint::kHostList:
      return "/api/2.0/fo/asset/host/";
    case Endpoint::kDetections:
      return "/api/2.0/fo/asset/host/vm/detection/";
    case Endpoint::kKnowledgeBase:
      return "/api/2.0/fo/knowledge_base/vuln/";
    case Endpoint::kScanList:
      return "/api/2.0/fo/scan/";
    case Endpoint::kQpsSearch:
      return "/qps/rest/2.0/search/am/hostasset";
    case Endpoint::kQpsGet:
      return "/qps/rest/2.0/get/am/hostasset/";
    case Endpoint::kQpsCount:
      return "/qps/rest/2.0/count/am/hostasset";
  }
  return "";
}

std::string_view fault_kind_name(FaultKind k) {
  for (auto [kind, n] : kKinds) {
    if (kind == k) return n;
  }
  return "?";
}

Result<FaultRule> parse_fault_rule(std::string_view text) {
  auto bad = [&](std::string why) {
    return make_error(ErrorKind::kUsage, fmt::format("invalid fault '{}': {}", text, why),
                      "use ENDPOINT:KIND[:nth=N|:p=P][:ms=MS][:bytes=B], e.g. hld:drop:nth=2");
  };
  std::vector<std::string_view> parts;
  for (auto rest = text;;) {
    auto colon = rest.find(':');
    parts.push_back(rest.substr(0, colon));
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  if (parts.size() < 2) return bad("expected ENDPOINT:KIND");
  FaultRule rule;
  if (parts[0] != "*" && parts[0] != "all") {
    rule.endpoint = endpoint_from_name(parts[0]);
    if (!rule.endpoint) return bad(fmt::format("unknown endpoint '{}'", parts[0]));
  }
  bool kind_found = false;
  for (auto [kind, n] : kKinds) {
    if (n == parts[1]) {
      rule.kind = kind;
      kind_found = true;
    }
  }
  if (!kind_found) return bad(fmt::format("unknown kind '{}'", parts[1]));
  bool trigger = false;
  for (size_t i = 2; i < parts.size(); ++i) {
    auto eq = parts[i].find('=');
    if (eq == std::string_view::npos)
      return bad(fmt::format("expected key=value in '{}'", parts[i]));
    auto key = parts[i].substr(0, eq);
    auto value = parts[i].substr(eq + 1);
    if (key == "p") {
      double p = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), p);
      if (ec != std::errc() || ptr != value.data() + value.size() || p < 0 || p > 1) {
        return bad("p must be a probability between 0 and 1");
      }
      rule.probability = p;
      trigger = true;
      continue;
    }
    std::uint64_t n = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || ptr != value.data() + value.size()) {
      return bad(fmt::format("'{}' is not a number", value));
    }
    if (key == "nth") {
      if (n == 0) return bad("nth counts from 1");
      rule.nth = n;
      trigger = true;
    } else if (key == "ms") {
      rule.duration = std::chrono::milliseconds(n);
    } else if (key == "bytes") {
      rule.after_bytes = n;
    } else {
      return bad(fmt::format("unknown key '{}'", key));
    }
  }
  if (!trigger) rule.probability = 1;
  return rule;
}

std::optional<FaultRule> FaultPlan::on_call(Endpoint endpoint) {
  std::lock_guard lock(mutex_);
  const auto n = ++calls_[endpoint];
  for (size_t i = 0; i < rules_.size(); ++i) {
    const auto& r = rules_[i];
    if (r.endpoint && *r.endpoint != endpoint) continue;
    if (r.nth != 0) {
      if (r.nth == n) return r;
      continue;
    }
    const auto h = mix(seed_, static_cast<std::uint64_t>(endpoint), i, n);
    if (static_cast<double>(h >> 11) * 0x1.0p-53 < r.probability) return r;
  }
  return std::nullopt;
}

void FaultPlan::set(std::vector<FaultRule> rules) {
  std::lock_guard lock(mutex_);
  rules_ = std::move(rules);
}

void FaultPlan::add(FaultRule rule) {
  std::lock_guard lock(mutex_);
  rules_.push_back(rule);
}

}  // namespace qvm::sim
