// Typed queries written as the form parameters Qualys expects (qualys-api.md §4).
#pragma once

#include "net/form.hpp"
#include "qvm/queries.hpp"

namespace qvm::api {

void add_host_selection(const HostSelection& hosts, net::FormParams& params);
// `YYYY-MM-DDTHH:MM:SSZ`, the input form Qualys documents.
std::string date_param(Timestamp t);

}  // namespace qvm::api
