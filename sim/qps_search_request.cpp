// Reading a QPS ServiceRequest: preferences and Criteria, validated as QPS validates them.
#include "qps_search_request.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <regex>

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

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return std::string(s);
}

constexpr std::string_view kFields[] = {
    "id",          "qwebHostId", "address", "name",           "os",
    "dnsHostName", "tagName",    "updated", "trackingMethod", "netbiosName"};

}  // namespace

std::vector<std::string> split_criteria_list(const std::string& v) {
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

std::expected<SearchRequest, QpsError> parse_search_request(std::string_view xml) {
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
      for (const auto& v :
           c.op == "IN" ? split_criteria_list(c.value) : std::vector<std::string>{c.value}) {
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

}  // namespace qvm::sim
