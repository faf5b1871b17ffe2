// Answers of the Apache front end that stands before the API: HTML pages sent with
// Content-Length, as recorded (414, 404, the 301 to a trailing slash, 5xx of injected faults).
#pragma once

#include <string_view>

#include "reply.hpp"

namespace qvm::sim {

// 414 for a URL longer than the front end accepts; the connection is closed.
Reply uri_too_long_reply();
// 404 for a path no endpoint has.
Reply not_found_reply();
// 301 from a VM API path without its trailing slash to the path with it. The Location header
// leads back to this simulator (`base_url`); the page names the platform host, as recorded.
Reply trailing_slash_redirect(std::string_view base_url, std::string_view platform_host,
                              std::string_view path);
// 500, 502 or 503 ("The server is temporarily unable to service your request.").
Reply server_error_reply(int status);

}  // namespace qvm::sim
