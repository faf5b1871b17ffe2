// What a paged list has already handed to the caller, so that a retried page replaces the
// partial one: records delivered by a failed attempt are skipped when the retry sends them
// again, and the retry asks only from where delivery stopped (id_min). Lists come sorted by ID
// (host ID, QID, asset ID), which is what makes this exact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "net/form.hpp"

namespace qvm::api {

class DeliveryTracker {
 public:
  // A new attempt begins: records it sends are counted from zero again.
  void begin_attempt() {
    current_id_.reset();
    seen_in_current_ = 0;
  }

  // A record (or, for host detections, one detection of host `id`) arrives. Returns true when
  // it must be delivered, false when an earlier attempt delivered it already.
  bool should_deliver(std::uint64_t id) {
    if (done_ && id <= *done_) return false;
    if (current_id_ != id) {
      current_id_ = id;
      seen_in_current_ = 0;
    }
    ++seen_in_current_;
    if (partial_id_ == id && seen_in_current_ <= partial_count_) return false;
    if (partial_id_ != id) {
      partial_id_ = id;
      partial_count_ = 0;
    }
    ++partial_count_;
    return true;
  }

  bool is_done(std::uint64_t id) const { return done_ && id <= *done_; }

  // Every part of record `id` was delivered (the host closed, the vuln ended).
  void completed(std::uint64_t id) {
    done_ = id;
    partial_id_.reset();
    partial_count_ = 0;
  }

  // Narrows a retry to what is missing: from the partial record, or after the last complete one.
  void resume(net::FormParams& params) const {
    std::optional<std::uint64_t> from;
    if (partial_id_) {
      from = *partial_id_;
    } else if (done_) {
      from = *done_ + 1;
    }
    if (!from) return;
    for (auto& [name, value] : params) {
      if (name == "id_min") {
        value = std::to_string(std::max<std::uint64_t>(*from, std::stoull(value)));
        return;
      }
    }
    params.emplace_back("id_min", std::to_string(*from));
  }

 private:
  std::optional<std::uint64_t> done_;        // highest ID delivered completely
  std::optional<std::uint64_t> partial_id_;  // a record delivered in part (host detections)
  std::size_t partial_count_ = 0;            // parts of it delivered
  std::optional<std::uint64_t> current_id_;  // record being read in this attempt
  std::size_t seen_in_current_ = 0;          // its parts seen in this attempt
};

}  // namespace qvm::api
