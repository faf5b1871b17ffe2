// Request path → endpoint, and the parameters of a VM API request.
#include "request_route.hpp"

namespace qvm::sim {

std::optional<Route> route(const std::string& path) {
  static constexpr Endpoint kVm[] = {Endpoint::kSession, Endpoint::kHostList, Endpoint::kDetections,
                                     Endpoint::kKnowledgeBase, Endpoint::kScanList};
  for (auto e : kVm) {
    auto p = endpoint_path(e);
    if (path == p) return Route{e, false, {}};
    if (path == p.substr(0, p.size() - 1)) return Route{e, true, {}};
  }
  if (path == endpoint_path(Endpoint::kAbout)) return Route{Endpoint::kAbout, false, {}};
  for (auto e : {Endpoint::kQpsSearch, Endpoint::kQpsCount}) {
    auto p = std::string(endpoint_path(e));
    if (path == p || path == p + "/") return Route{e, false, {}};
  }
  auto get = std::string(endpoint_path(Endpoint::kQpsGet));
  if (path.starts_with(get) && path.size() > get.size()) {
    auto id = path.substr(get.size());
    if (id.ends_with('/')) id.pop_back();
    if (id.find('/') == std::string::npos) return Route{Endpoint::kQpsGet, false, id};
  }
  return std::nullopt;
}

Params request_params(const httplib::Request& req, const std::string& body) {
  Params p;
  auto q = req.target.find('?');
  if (q != std::string::npos) p.parse(std::string_view(req.target).substr(q + 1));
  if (req.method == "POST" &&
      req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    p.parse(body);
  }
  return p;
}

}  // namespace qvm::sim
