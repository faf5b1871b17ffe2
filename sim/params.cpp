// Parsing and validating VM API parameters (query string or form body).
#include "params.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

namespace qvm::sim {
namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  for (;;) {
    auto pos = text.find(sep);
    out.push_back(text.substr(0, pos));
    if (pos == std::string_view::npos) break;
    text.remove_prefix(pos + 1);
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  return s;
}

std::optional<std::uint64_t> to_uint(std::string_view s) {
  std::uint64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

ApiError invalid_value(std::string_view name, std::string_view value, std::string_view why) {
  auto text = fmt::format("parameter {} has invalid value: {}", name, value);
  if (!why.empty()) text += fmt::format(" ({})", why);
  return ApiError{400, 1905, std::move(text)};
}

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size()) {
      int v = 0;
      auto [p, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, v, 16);
      if (ec == std::errc() && p == text.data() + i + 3) {
        out += static_cast<char>(v);
        i += 2;
      } else {
        out += c;
      }
    } else {
      out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

void Params::parse(std::string_view form) {
  if (form.empty()) return;
  for (auto part : split(form, '&')) {
    if (part.empty()) continue;
    auto eq = part.find('=');
    if (eq == std::string_view::npos) {
      items_.emplace_back(url_decode(part), std::string());
    } else {
      items_.emplace_back(url_decode(part.substr(0, eq)), url_decode(part.substr(eq + 1)));
    }
  }
}

void Params::set(std::string name, std::string value) {
  bool found = false;
  for (auto it = items_.begin(); it != items_.end();) {
    if (it->first == name) {
      if (found) {
        it = items_.erase(it);
        continue;
      }
      it->second = value;
      found = true;
    }
    ++it;
  }
  if (!found) items_.emplace_back(std::move(name), std::move(value));
}

const std::string* Params::get(std::string_view name) const {
  for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
    if (it->first == name) return &it->second;
  }
  return nullptr;
}

std::string Params::unknown(std::initializer_list<std::string_view> allowed) const {
  return unknown(std::vector<std::string_view>(allowed));
}

std::string Params::unknown(const std::vector<std::string_view>& allowed) const {
  std::string out;
  for (const auto& [name, value] : items_) {
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string Params::encode() const {
  std::string out;
  for (const auto& [name, value] : items_) {
    if (!out.empty()) out += '&';
    out += url_encode(name);
    out += '=';
    out += url_encode(value);
  }
  return out;
}

ApiResult<std::optional<std::uint64_t>> Params::uint(std::string_view name) const {
  auto v = get(name);
  if (!v) return std::optional<std::uint64_t>{};
  auto n = to_uint(*v);
  if (!n) return std::unexpected(invalid_value(name, *v));
  return n;
}

ApiResult<std::optional<bool>> Params::flag(std::string_view name) const {
  auto v = get(name);
  if (!v) return std::optional<bool>{};
  if (*v == "0") return std::optional<bool>{false};
  if (*v == "1") return std::optional<bool>{true};
  return std::unexpected(invalid_value(name, *v));
}

ApiResult<std::optional<Timestamp>> Params::date(std::string_view name) const {
  auto v = get(name);
  if (!v) return std::optional<Timestamp>{};
  auto t = parse_timestamp(*v);
  if (!t) return std::unexpected(invalid_value(name, *v));
  return t;
}

ApiResult<std::vector<IdRange>> Params::id_list(std::string_view name) const {
  std::vector<IdRange> out;
  auto v = get(name);
  if (!v) return out;
  for (auto raw : split(*v, ',')) {
    auto item = trim(raw);
    auto bad = [&] {
      return std::unexpected(
          invalid_value(name, *v, fmt::format("neither a positive integer nor a range: {}", item)));
    };
    auto dash = item.find('-');
    if (dash == std::string_view::npos) {
      auto n = to_uint(item);
      if (!n || *n == 0) return bad();
      out.push_back({*n, *n});
    } else {
      auto a = to_uint(trim(item.substr(0, dash)));
      auto b = to_uint(trim(item.substr(dash + 1)));
      if (!a || !b || *a == 0 || *a > *b) return bad();
      out.push_back({*a, *b});
    }
  }
  return out;
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t ip = 0;
  auto parts = split(text, '.');
  if (parts.size() != 4) return std::nullopt;
  for (auto p : parts) {
    auto n = to_uint(p);
    if (!n || *n > 255 || p.size() > 3) return std::nullopt;
    ip = (ip << 8) | static_cast<std::uint32_t>(*n);
  }
  return ip;
}

ApiResult<std::vector<std::pair<std::uint32_t, std::uint32_t>>> Params::ip_list(
    std::string_view name) const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  auto v = get(name);
  if (!v) return out;
  for (auto raw : split(*v, ',')) {
    auto item = trim(raw);
    auto dash = item.find('-');
    auto a = parse_ipv4(trim(item.substr(0, dash)));
    auto b = dash == std::string_view::npos ? a : parse_ipv4(trim(item.substr(dash + 1)));
    if (!a || !b || *a > *b) return std::unexpected(invalid_value(name, *v));
    out.emplace_back(*a, *b);
  }
  return out;
}

ApiResult<std::vector<std::string>> Params::choice_list(
    std::string_view name, std::initializer_list<std::string_view> allowed) const {
  std::vector<std::string> out;
  auto v = get(name);
  if (!v) return out;
  for (auto raw : split(*v, ',')) {
    auto item = trim(raw);
    auto it = std::find_if(allowed.begin(), allowed.end(),
                           [&](std::string_view a) { return iequals(a, item); });
    if (it == allowed.end()) return std::unexpected(invalid_value(name, *v));
    out.emplace_back(*it);
  }
  return out;
}

ApiResult<std::optional<std::string>> Params::choice(
    std::string_view name, std::initializer_list<std::string_view> allowed) const {
  auto v = get(name);
  if (!v) return std::optional<std::string>{};
  auto it = std::find_if(allowed.begin(), allowed.end(),
                         [&](std::string_view a) { return iequals(a, *v); });
  if (it == allowed.end()) return std::unexpected(invalid_value(name, *v));
  return std::optional<std::string>{std::string(*it)};
}

std::expected<void, ApiError> check_list_request(const Params& params,
                                                 const std::vector<std::string_view>& allowed) {
  const auto* action = params.get("action");
  if (!action) return std::unexpected(ApiError{400, 1903, "Missing required parameter(s): action"});
  if (auto unknown = params.unknown(allowed); !unknown.empty()) {
    return std::unexpected(ApiError{400, 1901, "Unrecognized parameter(s): " + unknown});
  }
  if (*action != "list") return std::unexpected(invalid_value("action", *action));
  return {};
}

bool in_ranges(const std::vector<IdRange>& ranges, std::uint64_t v) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const IdRange& r) { return v >= r.first && v <= r.last; });
}

}  // namespace qvm::sim
