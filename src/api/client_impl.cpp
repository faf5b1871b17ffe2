// One call from request to parsed body, the retry loop, the VM list pagination loop, and the
// connection pool and session shared by all resources.
#include "api/client_impl.hpp"

#include "net/form.hpp"
#include "net/rate_headers.hpp"

namespace qvm {
namespace {

// Error bodies (SIMPLE_RETURN, an HTML page) are small; more than this is not worth keeping.
constexpr size_t kMaxErrorBody = 64 * 1024;

// A 409's wait: SECONDS_TO_WAIT in the body, else the X-RateLimit-ToWait-Sec header.
std::optional<std::chrono::seconds> advertised_wait(const SimpleReturn& body,
                                                    const RateHeaders& rate) {
  if (auto item = body.item("SECONDS_TO_WAIT")) {
    try {
      return std::chrono::seconds(std::stol(*item));
    } catch (const std::exception&) {
    }
  }
  if (rate.to_wait_sec) return std::chrono::seconds(*rate.to_wait_sec);
  return std::nullopt;
}

std::string describe_status(long status) {
  switch (status) {
    case 301:
    case 302:
      return "the server redirected the request (is the API URL right?)";
    case 403:
      return "access forbidden (is API access enabled for this user?)";
    case 404:
      return "not found (is the API URL right?)";
    case 414:
      return "the request URL is too long";
    default:
      return status >= 500 ? "server error" : "unexpected HTTP status";
  }
}

}  // namespace

Error in_context(std::string_view what, Error error) {
  error.message = std::string(what) + ": " + error.message;
  return error;
}

Client::Impl::Impl(ConnectionOptions connection, ClientOptions options)
    : connection_(std::move(connection)),
      options_(options),
      governor_(net::GovernorOptions{.server = connection_.base_url,
                                     .user = connection_.credentials.username,
                                     .cache_dir = connection_.cache_dir,
                                     .max_wait = connection_.retry.max_wait,
                                     .cancel = connection_.cancel,
                                     .on_wait = connection_.on_warning}),
      retry_(connection_.retry) {}

Client::Impl::~Impl() {
  if (logged_in_) (void)logout();
}

std::string Client::Impl::url(std::string_view path) const {
  std::string base = connection_.base_url;
  while (!base.empty() && base.back() == '/')
    base.pop_back();
  return base + std::string(path);
}

std::unique_ptr<net::Transport> Client::Impl::take_transport(std::string_view path) {
  std::lock_guard lock(mutex_);
  std::unique_ptr<net::Transport> transport;
  if (!idle_.empty()) {
    transport = std::move(idle_.back());
    idle_.pop_back();
  } else {
    transport = std::make_unique<net::Transport>(connection_, &counters);
  }
  // Only the /api/2.0/ APIs accept the session; /msp/ and QPS calls keep basic auth.
  if (!session_id_.empty() && path.starts_with("/api/2.0/")) {
    transport->set_session_cookie(session_id_);
  } else {
    transport->clear_session_cookie();
  }
  return transport;
}

void Client::Impl::give_back(std::unique_ptr<net::Transport> transport) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(transport));
}

std::vector<std::string> Client::Impl::endpoints_seen() const {
  std::lock_guard lock(mutex_);
  return endpoints_;
}

CallResult Client::Impl::call(const net::Request& request, ResponseParser& parser) {
  std::string endpoint(net::url_path(request.url));
  {
    std::lock_guard lock(mutex_);
    if (std::find(endpoints_.begin(), endpoints_.end(), endpoint) == endpoints_.end()) {
      endpoints_.push_back(endpoint);
    }
  }
  auto slot = governor_.acquire(endpoint);
  if (!slot) {
    net::Failure f;
    f.error = slot.error();
    f.cause = slot.error().kind == ErrorKind::kInterrupted ? net::Cause::kInterrupted
                                                           : net::Cause::kOther;
    f.endpoint = endpoint;
    return std::unexpected(f);
  }

  long status = 0;
  bool body_failed = false;
  std::string error_body;
  auto on_head = [&](const net::ResponseHead& head) -> Status {
    status = head.status;
    // Learnt as soon as the head arrives, not when the body ends: an HLD can stream for an
    // hour, and other workers are waiting to learn the endpoint's concurrency.
    slot->observe(net::parse_rate_headers(head), head.status);
    return {};
  };
  auto on_body = [&](std::string_view chunk) -> Status {
    if (status != 200) {
      if (error_body.size() < kMaxErrorBody) error_body.append(chunk.substr(0, kMaxErrorBody));
      return {};
    }
    auto fed = parser.feed(chunk);
    if (!fed) body_failed = true;
    return fed;
  };

  auto transport = take_transport(endpoint);
  auto result = transport->perform(request, on_head, on_body);
  give_back(std::move(transport));

  if (!result) {
    net::Failure f = std::move(result.error());
    // A parse error mid-body is a broken document, not a network fault: do not retry it.
    if (f.cause == net::Cause::kCallback && body_failed) f.cause = net::Cause::kOther;
    return std::unexpected(std::move(f));
  }

  if (result->status != 200) {
    // The body says why when it is a SIMPLE_RETURN (401 2000, 400 1905, 409 1965); an HTML page
    // or nothing leaves the HTTP status to speak. The parse's own outcome is not needed: a CODE
    // always fails it, and the document is handed over either way.
    SimpleReturn simple;
    auto simple_parser = make_simple_return_parser(simple, options_.xml_backend);
    if (simple_parser->feed(error_body)) (void)simple_parser->finish();
    net::Failure f;
    if (simple.code) {
      auto wait = advertised_wait(simple, result->rate);
      f = net::qualys_code_failure(qualys_error(simple), result->status, wait);
      if (*simple.code == 1960 || *simple.code == 1965) {
        governor_.note_conflict(endpoint, *simple.code, wait);
      }
    } else {
      f = net::http_status_failure(result->status, describe_status(result->status));
    }
    f.endpoint = endpoint;
    return std::unexpected(std::move(f));
  }

  auto finished = parser.finish();
  if (!finished) {
    net::Failure f;
    const Error& e = finished.error();
    if (e.kind == ErrorKind::kMalformed) {
      // Every chunk parsed but the document did not end: the body was cut short.
      f.cause = net::Cause::kTruncated;
      f.error =
          Error(ErrorKind::kMalformed, "the response was cut before its end (" + e.message + ")",
                "the connection may have dropped; try again");
    } else if (e.qualys_code != 0) {
      f = net::qualys_code_failure(e, result->status);
    } else {
      f.error = e;
      f.cause = e.kind == ErrorKind::kAuth ? net::Cause::kQualysCode : net::Cause::kOther;
    }
    f.http_status = result->status;
    f.endpoint = endpoint;
    return std::unexpected(std::move(f));
  }
  return result;
}

Status Client::Impl::with_retries(std::string_view what,
                                  const std::function<CallResult(int attempt)>& attempt) {
  for (int n = 1;; ++n) {
    auto result = attempt(n);
    if (result) return {};
    auto delay = retry_.next_delay(n, result.error());
    if (!delay) return std::unexpected(in_context(what, delay.error()));
    if (connection_.on_warning) {
      connection_.on_warning(std::string(what) + ": " + result.error().error.message +
                             "; retrying in " + std::to_string(delay->count()) + " ms");
    }
    auto slept = net::Clock::system().sleep_for(*delay, connection_.cancel);
    if (!slept) return std::unexpected(in_context(what, slept.error()));
  }
}

Status Client::Impl::fetch_vm_list(VmListSpec& spec) {
  if (auto s = ensure_session(); !s) return s;
  net::Request request;
  request.method = net::Method::kPost;
  request.url = url(spec.path);
  request.params = spec.params;
  while (true) {
    std::optional<Warning> warning;
    std::optional<Timestamp> datetime;
    auto status = with_retries(spec.what, [&](int attempt) -> CallResult {
      if (attempt > 1 && spec.resume) spec.resume(request.params);
      if (spec.begin_attempt) spec.begin_attempt();
      auto parser = spec.make_parser();
      auto result = call(request, *parser);
      if (result) {
        warning = parser->warning();
        datetime = parser->datetime();
      }
      return result;
    });
    if (!status) return status;
    if (datetime && spec.page_datetime) spec.page_datetime(*datetime);
    if (!warning || !warning->url) return {};
    // The next page: Qualys repeats every parameter in the URL and sets id_min. Only its path
    // and query are taken, so the pages come from the server this client was pointed at.
    auto [address, query] = net::split_url(*warning->url);
    request.url = url(net::url_path(address));
    request.params = net::decode_form(query);
  }
}

Status Client::Impl::ensure_session() {
  if (!options_.session_auth) return {};
  {
    std::lock_guard lock(mutex_);
    if (logged_in_) return {};
  }
  return login();
}

Status Client::Impl::login() {
  net::Request request;
  request.method = net::Method::kPost;
  request.url = url("/api/2.0/fo/session/");
  request.params = {{"action", "login"},
                    {"username", connection_.credentials.username},
                    {"password", connection_.credentials.password}};
  std::string session;
  SimpleReturn answer;
  auto status = with_retries("login", [&](int) -> CallResult {
    answer = SimpleReturn{};
    auto parser = make_simple_return_parser(answer, options_.xml_backend);
    auto transport = take_transport("/api/2.0/fo/session/");
    transport->clear_session_cookie();
    long http = 0;
    std::string error_body;
    auto result = transport->perform(
        request,
        [&](const net::ResponseHead& head) -> Status {
          http = head.status;
          for (const auto& [name, value] : head.headers) {
            if (name != "set-cookie" || value.rfind("QualysSession=", 0) != 0) continue;
            session = value.substr(14, value.find(';') - 14);
          }
          return {};
        },
        [&](std::string_view chunk) -> Status {
          if (error_body.size() < kMaxErrorBody) error_body.append(chunk);
          return {};
        });
    give_back(std::move(transport));
    if (!result) return std::unexpected(result.error());
    auto parsed = parser->feed(error_body);
    if (parsed) parsed = parser->finish();
    if (!parsed) {
      return std::unexpected(net::qualys_code_failure(parsed.error(), http));
    }
    if (http != 200 || session.empty()) {
      return std::unexpected(net::http_status_failure(http, "login gave no QualysSession cookie"));
    }
    return *result;
  });
  if (!status) return status;
  std::lock_guard lock(mutex_);
  session_id_ = session;
  logged_in_ = true;
  return {};
}

Status Client::Impl::logout() {
  {
    std::lock_guard lock(mutex_);
    if (!logged_in_) return {};
  }
  net::Request request;
  request.method = net::Method::kPost;
  request.url = url("/api/2.0/fo/session/");
  request.params = {{"action", "logout"}};
  SimpleReturn answer;
  auto parser = make_simple_return_parser(answer, options_.xml_backend);
  auto result = call(request, *parser);
  std::lock_guard lock(mutex_);
  logged_in_ = false;
  session_id_.clear();
  for (auto& t : idle_)
    t->clear_session_cookie();
  if (!result) return std::unexpected(in_context("logout", result.error().error));
  return {};
}

}  // namespace qvm
