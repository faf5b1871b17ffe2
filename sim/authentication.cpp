// Basic credentials, QualysSession cookies and expired accounts.
#include "authentication.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <random>

namespace qvm::sim {
namespace {

std::string base64_decode(std::string_view in) {
  static constexpr std::string_view chars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    auto pos = chars.find(c);
    if (pos == std::string_view::npos) break;
    val = (val << 6) + static_cast<int>(pos);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::optional<std::string> session_id(const httplib::Request& req) {
  auto cookie = req.get_header_value("Cookie");
  auto pos = cookie.find("QualysSession=");
  if (pos == std::string::npos) return std::nullopt;
  auto id = cookie.substr(pos + 14);
  return id.substr(0, id.find_first_of("; "));
}

}  // namespace

bool Authenticator::valid_password(std::string_view name, std::string_view password) const {
  for (const auto& [u, p] : options_.users) {
    if (u == name && p == password) return true;
  }
  return false;
}

bool Authenticator::expired(const std::string& user) const {
  return std::find(options_.expired_users.begin(), options_.expired_users.end(), user) !=
         options_.expired_users.end();
}

std::optional<std::string> Authenticator::basic_user(const httplib::Request& req) const {
  auto auth = req.get_header_value("Authorization");
  if (!auth.starts_with("Basic ")) return std::nullopt;
  auto decoded = base64_decode(std::string_view(auth).substr(6));
  auto colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  auto name = decoded.substr(0, colon), password = decoded.substr(colon + 1);
  if (!valid_password(name, password)) return std::nullopt;
  return name;
}

std::optional<std::string> Authenticator::session_user(const httplib::Request& req) {
  auto id = session_id(req);
  if (!id) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(*id);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

std::string Authenticator::open_session(const std::string& user) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const auto id = fmt::format("{:016x}{:016x}", rng(), rng());
  std::lock_guard lock(mutex_);
  sessions_[id] = user;
  return id;
}

bool Authenticator::close_session(const httplib::Request& req) {
  auto id = session_id(req);
  if (!id) return false;
  std::lock_guard lock(mutex_);
  return sessions_.erase(*id) != 0;
}

}  // namespace qvm::sim
