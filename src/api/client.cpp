// The public Client: construction, session, about, and what a run used.
#include "api/client_impl.hpp"

namespace qvm {

Client::Client(ConnectionOptions connection, ClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(connection), options)) {}

Client::~Client() = default;

Status Client::login() {
  return impl_->login();
}
Status Client::logout() {
  return impl_->logout();
}

Result<AboutInfo> Client::about() {
  if (auto s = impl_->ensure_session(); !s) return std::unexpected(s.error());
  AboutInfo info;
  net::Request request;
  request.method = net::Method::kGet;
  request.url = impl_->url("/msp/about.php");
  auto status = impl_->with_retries("about", [&](int) -> CallResult {
    info.about = About{};
    auto parser = make_about_parser(info.about, impl_->xml_backend());
    auto result = impl_->call(request, *parser);
    if (result) info.limits = result->rate;
    return result;
  });
  if (!status) return std::unexpected(status.error());
  return info;
}

std::map<std::string, long> Client::calls() const {
  return impl_->counters.snapshot();
}

std::vector<EndpointLimits> Client::limits() const {
  std::vector<EndpointLimits> out;
  for (const auto& endpoint : impl_->endpoints_seen()) {
    auto record = impl_->governor().budget(endpoint);
    if (record.metering != net::Metering::kMetered) continue;
    out.push_back(
        {endpoint, record.limit, record.window_sec, record.remaining, record.concurrency});
  }
  return out;
}

}  // namespace qvm
