// Access-log lines, passwords redacted.
#include "access_log.hpp"

#include <fmt/format.h>

#include "reply.hpp"

namespace qvm::sim {
namespace {

// The body of the request this thread is handling (the log shows short form bodies).
thread_local std::string current_body;

std::string redact_password(std::string text) {
  for (auto key : {"password="}) {
    size_t pos = 0;
    while ((pos = text.find(key, pos)) != std::string::npos) {
      pos += std::string_view(key).size();
      auto end = text.find('&', pos);
      text.replace(pos, end == std::string::npos ? std::string::npos : end - pos, "***");
    }
  }
  return text;
}

}  // namespace

void remember_request_body(const std::string& body) {
  current_body = body.size() < 512 ? body : std::string();
}

std::string access_log_request(const httplib::Request& req) {
  auto line = fmt::format("{} {} \"{} {}\"", http_date(), req.remote_addr, req.method,
                          redact_password(req.target));
  if (req.method == "POST" && !current_body.empty() && current_body.size() < 512 &&
      req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    line += " body=\"" + redact_password(current_body) + "\"";
  }
  if (req.has_header("Authorization")) line += " authorization=[redacted]";
  return line;
}

std::string access_log_line(std::string_view request, int status, std::uint64_t bytes,
                            const std::string& user) {
  return fmt::format("{} {} bytes={} user={}", request, status, bytes, user.empty() ? "-" : user);
}

}  // namespace qvm::sim
