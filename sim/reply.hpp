// One HTTP answer of the simulator, and how it goes on the wire: headers in the order Qualys
// sends them, the body streamed through httplib's chunked content provider, body faults applied
// while streaming.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "body_source.hpp"
#include "qvm_sim/options.hpp"

namespace qvm::sim {

// Which front end answers: the VM API ("Server: Qualys"), QPS ("Server: Apache", other order)
// or the Apache front end's own pages (301, 414, 5xx).
enum class HeaderStyle { kVm, kQps, kApache };

struct Reply {
  int status = 200;
  HeaderStyle style = HeaderStyle::kVm;
  std::string content_type = "application/xml";
  std::vector<std::pair<std::string, std::string>> headers;  // besides the style's standard set
  std::unique_ptr<BodySource> body;
  bool chunked = true;             // false: Content-Length (Apache pages)
  bool close = false;              // "Connection: close", as on recorded 400s
  std::optional<FaultRule> fault;  // drop, truncate, stall or malformed, applied to the body
};

struct StreamHooks {
  // Sleeps (stall faults); returns false when the server is stopping.
  std::function<bool(std::chrono::milliseconds)> sleep;
  // Called once when the response is finished or abandoned, with the bytes sent.
  std::function<void(int status, std::uint64_t bytes)> done;
};

void send_reply(Reply reply, httplib::Response& res, StreamHooks hooks);

// Installs the post-routing hook that puts headers in wire order. httplib keeps headers in a
// case-insensitive sorted map, so the whole header block is written as one map entry whose value
// carries the other lines, in the order Qualys sends them.
void install_header_order(httplib::Server& server);

std::string http_date();

}  // namespace qvm::sim
