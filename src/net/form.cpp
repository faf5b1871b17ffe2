// Form encoding and decoding (RFC 3986 unreserved set), and redaction of secret parameters.
#include "net/form.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace qvm::net {
namespace {

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void append_encoded(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (is_unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode_component(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

bool is_secret(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kSecret{"password", "username", "token",
                                                           "passwd"};
  std::string lower(name);
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::ranges::find(kSecret, lower) != kSecret.end();
}

std::string encode(const FormParams& params, bool redact) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    append_encoded(out, name);
    out += '=';
    if (redact && is_secret(name)) {
      out += "***";
    } else {
      append_encoded(out, value);
    }
  }
  return out;
}

}  // namespace

std::string encode_form(const FormParams& params) {
  return encode(params, false);
}

std::string redacted_form(const FormParams& params) {
  return encode(params, true);
}

FormParams decode_form(std::string_view query) {
  FormParams params;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      params.emplace_back(decode_component(pair), std::string{});
    } else {
      params.emplace_back(decode_component(pair.substr(0, eq)),
                          decode_component(pair.substr(eq + 1)));
    }
  }
  return params;
}

std::pair<std::string_view, std::string_view> split_url(std::string_view url) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return {url, {}};
  return {url.substr(0, q), url.substr(q + 1)};
}

}  // namespace qvm::net

namespace qvm::net {

std::string_view url_without_query(std::string_view url) {
  return url.substr(0, url.find_first_of("?#"));
}

std::string_view url_path(std::string_view url) {
  url = url_without_query(url);
  size_t scheme = url.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  size_t slash = url.find('/', start);
  return slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
}

}  // namespace qvm::net
