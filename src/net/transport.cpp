// The libcurl side of Transport: options per request, streaming callbacks, the call record.
#include "net/transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "net/curl_failure.hpp"
#include "net/rate_headers.hpp"

namespace qvm::net {
namespace {

// Everything the callbacks of one transfer share.
struct TransferState {
  const HeadHandler* on_head = nullptr;
  const BodyHandler* on_body = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  ResponseHead head;
  bool head_delivered = false;
  std::uint64_t body_bytes = 0;
  std::optional<Error> handler_error;
  // Stall detection of our own: libcurl's low-speed check averages over several seconds, so a
  // burst followed by silence would go unnoticed for far longer than the stall timeout.
  std::chrono::seconds stall_timeout{0};
  std::chrono::steady_clock::time_point last_progress = std::chrono::steady_clock::now();
  curl_off_t last_received = -1;
  bool stalled = false;

  bool deliver_head() {
    head_delivered = true;
    if (!*on_head) return true;
    if (auto s = (*on_head)(head); !s) {
      handler_error = s.error();
      return false;
    }
    return true;
  }
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

size_t on_header_line(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<TransferState*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {  // a new response (after 100 Continue or a redirect)
    state->head = ResponseHead{};
    size_t space = line.find(' ');
    if (space != std::string_view::npos) {
      state->head.status = std::strtol(std::string(line.substr(space + 1, 3)).c_str(), nullptr, 10);
    }
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    state->head.headers.emplace_back(lower(trim(line.substr(0, colon))),
                                     std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

size_t on_body_chunk(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<TransferState*>(user);
  if (state->cancel && state->cancel->load()) return 0;
  if (!state->head_delivered && !state->deliver_head()) return 0;
  state->body_bytes += size * count;
  if (*state->on_body) {
    if (auto s = (*state->on_body)(std::string_view(data, size * count)); !s) {
      state->handler_error = s.error();
      return 0;
    }
  }
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t received, curl_off_t, curl_off_t) {
  auto* state = static_cast<TransferState*>(user);
  if (state->cancel && state->cancel->load()) return 1;
  auto now = std::chrono::steady_clock::now();
  if (received != state->last_received) {
    state->last_received = received;
    state->last_progress = now;
  } else if (state->stall_timeout.count() > 0 &&
             now - state->last_progress > state->stall_timeout) {
    state->stalled = true;
    return 1;
  }
  return 0;
}

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void init_libcurl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Transport::Transport(ConnectionOptions options, CallCounters* counters)
    : curl_(nullptr), options_(std::move(options)), counters_(counters) {
  init_libcurl_once();
  curl_ = curl_easy_init();
}

Transport::~Transport() {
  curl_easy_cleanup(static_cast<CURL*>(curl_));
}

void Transport::set_session_cookie(std::string session_id) {
  session_cookie_ = std::move(session_id);
}

void Transport::clear_session_cookie() {
  session_cookie_.clear();
}

std::expected<TransferResult, Failure> Transport::perform(const Request& request,
                                                          const HeadHandler& on_head,
                                                          const BodyHandler& on_body) {
  auto* curl = static_cast<CURL*>(curl_);
  auto [base, url_query] = split_url(request.url);
  std::string shown_url(url_without_query(request.url));

  // Parameters already in the URL (a WARNING URL) join the request's own, so that a long
  // pagination URL is POSTed like any other long request.
  FormParams params = decode_form(url_query);
  params.insert(params.end(), request.params.begin(), request.params.end());
  std::string form = encode_form(params);
  bool has_body = !request.content_type.empty() || !request.body.empty();
  bool post = request.method == Method::kPost || has_body || form.size() > options_.post_threshold;
  const char* method = post ? "POST" : "GET";
  std::string what = std::string(method) + ' ' + shown_url;

  CallRecord record;
  record.method = method;
  record.url = shown_url;
  record.params = redacted_form(params);
  auto report = [&](const std::string& error) {
    record.error = error;
    if (options_.on_call) options_.on_call(record);
  };

  if (options_.cancel && options_.cancel->load()) {
    Failure f;
    f.cause = Cause::kInterrupted;
    f.error = Error{ErrorKind::kInterrupted, what + ": interrupted"};
    report(f.error.message);
    return std::unexpected(f);
  }
  if (options_.tls.insecure && options_.on_warning) {
    options_.on_warning(
        "TLS certificate verification is disabled (--insecure): the server's "
        "identity is not checked");
  }

  curl_easy_reset(curl);  // keeps live connections: keep-alive survives
  std::string url(base);
  if (!post && !form.empty()) url += '?' + form;
  char errbuf[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                   std::max(1L, static_cast<long>(options_.stall_timeout.count())));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  // Responses run to GBs: libcurl's largest receive buffer hands the parser 512 KB at a time
  // instead of 16 KB, with 32× fewer reads and callbacks.
  curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, 512L * 1024);

  std::unique_ptr<curl_slist, SlistFree> headers(
      curl_slist_append(nullptr, "X-Requested-With: qvm"));
  headers.reset(curl_slist_append(headers.release(), "Expect:"));
  std::string body;
  if (post) {
    body = has_body ? request.body : form;
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    std::string type =
        has_body ? request.content_type : std::string("application/x-www-form-urlencoded");
    if (!type.empty()) {
      headers.reset(curl_slist_append(headers.release(), ("Content-Type: " + type).c_str()));
    }
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

  std::string cookie;
  if (!session_cookie_.empty()) {
    cookie = "QualysSession=" + session_cookie_;
    curl_easy_setopt(curl, CURLOPT_COOKIE, cookie.c_str());
  } else if (!options_.credentials.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.credentials.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.credentials.password.c_str());
  }

  if (!options_.tls.ca_file.empty())
    curl_easy_setopt(curl, CURLOPT_CAINFO, options_.tls.ca_file.c_str());
  if (!options_.tls.ca_path.empty())
    curl_easy_setopt(curl, CURLOPT_CAPATH, options_.tls.ca_path.c_str());
  if (options_.tls.insecure) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!options_.proxy.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, options_.proxy.c_str());

  TransferState state;
  state.on_head = &on_head;
  state.on_body = &on_body;
  state.cancel = options_.cancel;
  state.stall_timeout = options_.stall_timeout;
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header_line);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &state);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body_chunk);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &state);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &state);

  auto started = std::chrono::steady_clock::now();
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK && !state.head_delivered && !state.deliver_head()) {
    code = CURLE_WRITE_ERROR;
  }
  record.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  record.status = state.head.status;
  record.bytes = state.body_bytes;
  record.rate = parse_rate_headers(state.head);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // errbuf dies with this frame
  if (counters_ && state.head.status != 0) counters_->add(url_path(shown_url));

  if (code != CURLE_OK) {
    Failure f;
    if (state.handler_error) {
      f.cause = Cause::kCallback;
      f.error = *state.handler_error;
    } else if (state.stalled) {
      f.cause = Cause::kStall;
      f.error = Error{ErrorKind::kNetwork,
                      what + ": no data received for " +
                          std::to_string(options_.stall_timeout.count()) + " s (stalled)",
                      "the server or the network stopped sending; qvm retries stalled calls"};
    } else if ((code == CURLE_WRITE_ERROR || code == CURLE_ABORTED_BY_CALLBACK) &&
               options_.cancel && options_.cancel->load()) {
      f.cause = Cause::kInterrupted;
      f.error = Error{ErrorKind::kInterrupted, what + ": interrupted"};
    } else {
      f = curl_failure(code, what, errbuf, state.head.status != 0);
    }
    f.http_status = state.head.status;
    f.endpoint = std::string(url_path(shown_url));
    report(f.error.message);
    return std::unexpected(std::move(f));
  }

  TransferResult result;
  result.status = state.head.status;
  result.body_bytes = state.body_bytes;
  curl_off_t wire = 0;
  curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &wire);
  result.wire_bytes = static_cast<std::uint64_t>(wire);
  result.duration = record.duration;
  result.rate = record.rate;
  result.posted = post;
  report({});
  return result;
}

}  // namespace qvm::net
