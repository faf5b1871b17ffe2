// The Apache front end's 414, 404, 301 and 5xx replies.
#include "apache_replies.hpp"

#include <fmt/format.h>
#include <string>

#include "vm_document.hpp"

namespace qvm::sim {
namespace {

Reply apache_page(int status, HeaderStyle style, std::string page) {
  Reply r;
  r.status = status;
  r.style = style;
  r.content_type = "text/html; charset=iso-8859-1";
  r.chunked = false;
  r.body = string_body(std::move(page));
  return r;
}

}  // namespace

Reply uri_too_long_reply() {
  Reply r = apache_page(414, HeaderStyle::kApache, apache_414_page());
  r.close = true;
  return r;
}

Reply not_found_reply() {
  return apache_page(
      404, HeaderStyle::kApache,
      apache_error_page(404, "Not Found", "The requested URL was not found on this server."));
}

Reply trailing_slash_redirect(std::string_view base_url, std::string_view platform_host,
                              std::string_view path) {
  Reply r = apache_page(301, HeaderStyle::kVm,
                        apache_301_page(fmt::format("http://{}:443{}/", platform_host, path)));
  r.headers = {{"Location", fmt::format("{}{}/", base_url, path)}};
  return r;
}

Reply server_error_reply(int status) {
  const auto* title = status == 500   ? "Internal Server Error"
                      : status == 502 ? "Bad Gateway"
                                      : "Service Unavailable";
  return apache_page(
      status, HeaderStyle::kApache,
      apache_error_page(status, title,
                        "The server is temporarily unable to service your request."));
}

}  // namespace qvm::sim
