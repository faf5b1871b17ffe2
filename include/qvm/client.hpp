// The libqvm client: one object per Qualys account and server. Every call follows every page,
// keeps to the rate and concurrency limits, retries what can be retried (a retried page
// replaces the partial one: callbacks never see a record twice), and streams records to the
// callbacks as they are parsed.
//
// Threads: a Client may be used from several threads at once; each call takes its own
// connection from a small pool, within the endpoint's concurrency limit.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "qvm/call_log.hpp"
#include "qvm/connection.hpp"
#include "qvm/error.hpp"
#include "qvm/parsers.hpp"
#include "qvm/queries.hpp"

namespace qvm {

struct ClientOptions {
  bool session_auth = false;  // log in once (QualysSession cookie) instead of basic auth per call
  XmlBackend xml_backend = XmlBackend::kFast;  // kExpat: libexpat, same events (tested)
};

// What /msp/about.php said, with the limit headers of that call.
struct AboutInfo {
  About about;
  RateHeaders limits;
};

// The budget of one endpoint as last seen.
struct EndpointLimits {
  std::string endpoint;
  long limit = -1, window_sec = -1, remaining = -1, concurrency = -1;
};

class Client {
 public:
  Client(ConnectionOptions connection, ClientOptions options = {});
  // Logs out of a session, if one is open (errors are ignored: nothing is left to do).
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Session auth: login() is called by the first request when session_auth is set.
  Status login();
  Status logout();

  Result<AboutInfo> about();
  Status hosts(const HostListQuery& query, const HostListCallbacks& callbacks);
  Status detections(const DetectionQuery& query, const DetectionCallbacks& callbacks);
  Status knowledge_base(const KnowledgeBaseQuery& query, const KnowledgeBaseCallbacks& callbacks);
  Status scans(const ScanQuery& query, const std::function<Status(const Scan&)>& scan);
  Status host_assets(const HostAssetQuery& query,
                     const std::function<Status(const HostAsset&)>& asset);
  Result<HostAsset> host_asset(std::uint64_t id);
  Result<std::uint64_t> count_host_assets(const HostAssetQuery& query);

  // API calls made so far, per endpoint path (retries included: they cost calls too).
  std::map<std::string, long> calls() const;
  // The last known budget of each endpoint called.
  std::vector<EndpointLimits> limits() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace qvm
