// The simulator's access log: one line per finished call, with the short form body of the
// request, and every password and Authorization header redacted.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace qvm::sim {

// Keeps the body of the request this thread is handling, for the log line of its reply; bodies
// too long to log are not kept.
void remember_request_body(const std::string& body);

// "<date> <address> \"<method> <target>\"", the form body kept above, and a note when the request
// carried credentials. Taken when the reply starts, so the date is the reply's.
std::string access_log_request(const httplib::Request& req);
// The whole line once the response is finished.
std::string access_log_line(std::string_view request, int status, std::uint64_t bytes,
                            const std::string& user);

}  // namespace qvm::sim
