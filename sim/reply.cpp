// Writing replies: standard header sets per front end, header order, streaming and body faults.
#include "reply.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <ctime>

namespace qvm::sim {
namespace {

constexpr std::string_view kStyleHeader = "X-Qvm-Sim-Style";

constexpr std::array<std::string_view, 24> kVmOrder{"Date",
                                                    "Server",
                                                    "Location",
                                                    "Strict-Transport-Security",
                                                    "X-Xss-Protection",
                                                    "X-Content-Type-Options",
                                                    "X-Frame-Options",
                                                    "X-Powered-By",
                                                    "Set-Cookie",
                                                    "Expires",
                                                    "Cache-Control",
                                                    "Pragma",
                                                    "X-RateLimit-Limit",
                                                    "X-RateLimit-Window-Sec",
                                                    "X-Concurrency-Limit-Limit",
                                                    "X-Concurrency-Limit-Running",
                                                    "X-RateLimit-ToWait-Sec",
                                                    "X-RateLimit-Remaining",
                                                    "Keep-Alive",
                                                    "Connection",
                                                    "Content-Length",
                                                    "Transfer-Encoding",
                                                    "Content-Encoding",
                                                    "Content-Type"};
constexpr std::array<std::string_view, 15> kQpsOrder{"evaluation",
                                                     "X-Powered-By",
                                                     "Content-Type",
                                                     "Vary",
                                                     "Date",
                                                     "Server",
                                                     "Strict-Transport-Security",
                                                     "X-Frame-Options",
                                                     "X-Xss-Protection",
                                                     "X-Content-Type-Options",
                                                     "Keep-Alive",
                                                     "Connection",
                                                     "Content-Length",
                                                     "Transfer-Encoding",
                                                     "Content-Encoding"};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

template <size_t N>
size_t rank(const std::array<std::string_view, N>& order, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (iequals(order[i], name)) return i;
  }
  return N;
}

// Breaks the document wherever it lands: "]]>" ends a CDATA section and is illegal in plain
// text, "-->" ends a comment, and the end tag matches nothing. Inserted as plain bytes alone, a
// tag inside RESULTS' CDATA would be valid text and corrupt data silently.
constexpr std::string_view kMalformedInsert = "\n]]>--></QVM_SIM_MALFORMED_BY_FAULT_INJECTION>\n";

struct StreamState {
  std::unique_ptr<BodySource> body;
  std::string buffer;
  bool finished = false;
  bool first = true;
  std::uint64_t sent = 0;
  std::optional<FaultRule> fault;
  std::uint64_t fault_at = 0;
  int status = 200;
  StreamHooks hooks;
  ~StreamState() {
    if (hooks.done) hooks.done(status, sent);
  }
};

}  // namespace

std::string http_date() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

void send_reply(Reply reply, httplib::Response& res, StreamHooks hooks) {
  res.status = reply.status;
  auto add = [&](std::string name, std::string value) {
    res.headers.emplace(std::move(name), std::move(value));
  };
  add(std::string(kStyleHeader), reply.style == HeaderStyle::kQps ? "qps" : "vm");
  add("Date", http_date());
  switch (reply.style) {
    case HeaderStyle::kVm:
      add("Server", "Qualys");
      add("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      add("X-Xss-Protection", "1; mode=block");
      add("X-Content-Type-Options", "nosniff");
      add("X-Frame-Options", "SAMEORIGIN");
      break;
    case HeaderStyle::kQps:
      add("evaluation", "false");
      add("Vary", "Accept-Encoding");
      add("Server", "Apache");
      add("Strict-Transport-Security", "max-age=31536000");
      add("X-Frame-Options", "SAMEORIGIN");
      add("X-Xss-Protection", "1;mode=block");
      add("X-Content-Type-Options", "nosniff");
      break;
    case HeaderStyle::kApache:
      add("Server", "Apache");
      break;
  }
  for (auto& [k, v] : reply.headers)
    add(k, v);
  if (reply.close) add("Connection", "close");

  auto state = std::make_shared<StreamState>();
  state->body = std::move(reply.body);
  state->fault = std::move(reply.fault);
  state->status = reply.status;
  state->hooks = std::move(hooks);
  if (!reply.chunked) {
    std::string text;
    while (state->body->next(text)) {
    }
    auto size = text.size();
    auto shared = std::make_shared<std::string>(std::move(text));
    res.set_content_provider(
        size, reply.content_type,
        [shared, state](size_t offset, size_t length, httplib::DataSink& sink) {
          state->sent = offset + length;
          return sink.write(shared->data() + offset, length);
        },
        [state](bool) {});
    return;
  }
  res.set_chunked_content_provider(
      reply.content_type,
      [state](size_t, httplib::DataSink& sink) {
        auto& s = *state;
        if (s.buffer.empty() && !s.finished) s.finished = !s.body->next(s.buffer);
        if (s.first) {
          s.first = false;
          if (s.fault) {
            // A body smaller than the fault offset is cut in its middle instead.
            s.fault_at = s.finished
                             ? std::min<std::uint64_t>(s.fault->after_bytes, s.buffer.size() / 2)
                             : s.fault->after_bytes;
          }
        }
        if (s.fault && s.sent + s.buffer.size() >= s.fault_at) {
          const auto cut = static_cast<size_t>(s.fault_at - s.sent);
          if (cut != 0 && !sink.write(s.buffer.data(), cut)) return false;
          s.sent += cut;
          s.buffer.erase(0, cut);
          const auto kind = s.fault->kind;
          const auto duration = s.fault->duration;
          s.fault.reset();
          switch (kind) {
            case FaultKind::kDrop:
              return false;  // no terminating chunk: the peer sees a cut
            case FaultKind::kTruncate:
              s.buffer.clear();
              s.finished = true;
              sink.done();
              return true;
            case FaultKind::kStall:
              if (s.hooks.sleep && !s.hooks.sleep(duration)) return false;
              break;
            case FaultKind::kMalformed:
              s.buffer.insert(0, kMalformedInsert);
              break;
            default:
              break;
          }
        }
        if (!s.buffer.empty()) {
          if (!sink.write(s.buffer.data(), s.buffer.size())) return false;
          s.sent += s.buffer.size();
          s.buffer.clear();
        }
        if (s.finished) sink.done();
        return true;
      },
      [state](bool) {});
}

void install_header_order(httplib::Server& server) {
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    std::vector<std::pair<std::string, std::string>> headers(res.headers.begin(),
                                                             res.headers.end());
    bool qps = false;
    std::erase_if(headers, [&](const auto& h) {
      if (iequals(h.first, kStyleHeader)) {
        qps = h.second == "qps";
        return true;
      }
      // httplib would gzip a chunked body whose client accepts it; Qualys recordings show
      // identity bodies, and a hidden Content-Type (below) keeps httplib from compressing.
      return iequals(h.first, "Content-Encoding");
    });
    if (headers.empty()) return;
    headers.erase(std::unique(headers.begin(), headers.end()), headers.end());
    std::stable_sort(headers.begin(), headers.end(), [&](const auto& a, const auto& b) {
      return qps ? rank(kQpsOrder, a.first) < rank(kQpsOrder, b.first)
                 : rank(kVmOrder, a.first) < rank(kVmOrder, b.first);
    });
    std::string value = headers[0].second;
    for (size_t i = 1; i < headers.size(); ++i) {
      value += "\r\n" + headers[i].first + ": " + headers[i].second;
    }
    res.headers.clear();
    res.headers.emplace(headers[0].first, std::move(value));
  });
}

}  // namespace qvm::sim
