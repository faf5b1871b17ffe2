// Writes records into the mirror with prepared statements: a host with its tags and asset
// groups, a host's detections replaced as a unit, a KB entry with its child lists. The caller
// owns the transactions (see sync_mirror.cpp).
#pragma once

#include <vector>

#include "qvm/detection.hpp"
#include "qvm/host.hpp"
#include "qvm/vuln.hpp"
#include "store/sqlite_statement.hpp"

namespace qvm::store {

class MirrorWriter {
 public:
  static Result<MirrorWriter> prepare(const Connection& db);

  // Host list details: every column, tags and asset groups replaced. `run` marks it seen.
  Status upsert_host(const Host& host, std::int64_t run);
  // The host's detections become exactly `detections` (in this order); the HLD-only host
  // times are updated, and a host the host list did not give is created from the HLD fields.
  Status replace_detections(const Host& host, const std::vector<Detection>& detections,
                            std::int64_t run);
  Status upsert_vuln(const Vuln& vuln);

  // The mirror held no host when this load began and each host is written once: a host's
  // tags, asset groups and detections are inserted without deleting earlier ones first.
  void set_fresh_load(bool fresh) { fresh_load_ = fresh; }

 private:
  Statement host_, host_tags_delete_, host_tag_, ags_delete_, ag_;
  Statement detections_delete_, detection_, host_hld_update_, host_hld_insert_;
  std::vector<Statement> kb_child_delete_;
  Statement vuln_, cve_, bugtraq_, vendor_ref_, threat_, software_, pci_reason_;
  bool fresh_load_ = false;
};

}  // namespace qvm::store
