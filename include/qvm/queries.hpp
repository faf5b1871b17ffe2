// What a resource call asks for, typed: the parameters of qualys-api.md §4, validated before
// any call (see qvm/selectors.hpp) and written as Qualys expects them by the client.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qvm/host.hpp"
#include "qvm/selectors.hpp"
#include "qvm/timestamp.hpp"

namespace qvm {

// The hosts a host list or host list detection call covers. Empty fields are not sent; several
// fields combine with AND, as Qualys combines them.
struct HostSelection {
  std::vector<Ipv4Range> ips;
  std::vector<std::string> ipv6;
  std::vector<IdRange> ids;
  std::optional<std::uint64_t> id_min;
  std::optional<std::uint64_t> id_max;
  std::vector<IdRange> ag_ids;
  std::vector<std::string> ag_titles;
  std::vector<std::string> tags;  // tag names (any of them)
  std::optional<Timestamp> vm_scan_since;
  std::optional<Timestamp> vm_processed_after;
};

struct HostListQuery {
  HostSelection hosts;
  std::string details = "Basic";  // None, Basic, Basic/AGs, All, All/AGs
  bool show_asset_id = false;
  bool show_tags = false;
  // Hosts per page; 0 asks for everything in one response.
  int truncation_limit = 1000;
};

struct DetectionQuery {
  HostSelection hosts;
  std::vector<IdRange> qids;
  std::vector<int> severities;      // empty: all
  std::vector<std::string> status;  // empty: Qualys' default (New, Active, Re-Opened)
  bool show_results = true;
  bool show_igs = false;
  std::optional<std::string> include_vuln_type;  // confirmed | potential
  std::optional<Timestamp> detection_updated_since;
  bool show_qds = false;
  bool show_asset_id = false;   // ASSET_ID of each host
  int truncation_limit = 1000;  // hosts per page
};

struct KnowledgeBaseQuery {
  std::vector<IdRange> ids;  // empty: the whole KnowledgeBase
  std::string details = "All";
  std::optional<Timestamp> last_modified_after;
  std::optional<Timestamp> published_after;
  std::optional<bool> is_patchable;
  // QIDs per call when `ids` is long (Qualys does not paginate the KB).
  std::size_t batch_size = 500;
};

struct ScanQuery {
  std::optional<std::string> scan_ref;
  std::optional<std::string> state;  // comma list: Running, Finished, …
  std::optional<Timestamp> launched_after;
  std::optional<Timestamp> launched_before;
};

struct QpsCriterion {
  std::string field;  // qwebHostId, id, address, name, os, dnsHostName, tagName, updated
  std::string op;     // EQUALS, IN, GREATER, LESSER, CONTAINS
  std::string value;
};

struct HostAssetQuery {
  std::vector<QpsCriterion> criteria;
  int limit_results = 100;  // 1..1000 per page
};

}  // namespace qvm
