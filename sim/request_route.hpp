// What a request addresses: the endpoint its path names (a VM path without its trailing slash is
// answered with 301, a QPS get carries the asset id) and the VM API parameters it sends.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

#include "params.hpp"
#include "qvm_sim/options.hpp"

namespace qvm::sim {

struct Route {
  Endpoint endpoint;
  bool redirect = false;  // path without its trailing slash
  std::string qps_id;
};

// nullopt: no endpoint has this path (404).
std::optional<Route> route(const std::string& path);

// Query string then form body, in request order.
Params request_params(const httplib::Request& req, const std::string& body);

}  // namespace qvm::sim
