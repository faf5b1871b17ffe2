// The simulated subscription: hosts, their detections, the KnowledgeBase, scans and QPS host
// assets, generated on demand from (seed, index, generation). Nothing is materialised: a million
// hosts cost no memory, and every endpoint serves the same records the accessors here return.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qvm/detection.hpp"
#include "qvm/host.hpp"
#include "qvm/host_asset.hpp"
#include "qvm/scan.hpp"
#include "qvm/timestamp.hpp"
#include "qvm/vuln.hpp"

namespace qvm::sim {

struct Options;

// An asset group of the subscription (ag_ids / ag_titles filters, ASSET_GROUP_IDS).
struct AssetGroup {
  std::uint64_t id = 0;
  std::string title;
};

// The data as of one instant of simulated time. Cheap to copy; every accessor is const, pure
// and thread-safe. Hosts are indexed 0..host_count()-1 in ascending ID order; KB entries
// 0..kb_size()-1 in ascending QID order.
class DataView {
 public:
  DataView(std::uint64_t seed, std::uint64_t base_hosts, std::uint64_t new_hosts_per_generation,
           std::uint32_t kb_size, Timestamp epoch, std::chrono::seconds generation, Timestamp now,
           std::uint32_t rescan_per_mille = 0);

  Timestamp now() const { return now_; }
  // Scan rounds completed since the epoch (0 at start).
  std::int64_t generation() const { return generation_; }

  // Hosts.
  std::uint64_t host_count() const;
  std::uint64_t host_id(std::uint64_t index) const;
  // The index of the host with this ID, if it exists now.
  std::optional<std::uint64_t> host_index(std::uint64_t id) const;
  // The first index whose ID is >= id (host_count() if none).
  std::uint64_t lower_bound(std::uint64_t id) const;
  // Every field the host list and HLD can show (which ones are sent depends on the request).
  Host host(std::uint64_t index) const;
  // IPv4 of the host, if it has one, as a number (cheap: used by ips= filters).
  std::optional<std::uint32_t> host_ipv4(std::uint64_t index) const;
  // All detections of the host, Fixed ones and information gathered (TYPE Info) included,
  // ascending QID. HLD output filters these (status, show_igs, …).
  std::vector<Detection> detections(std::uint64_t index) const;
  // The host's asset-group IDs and tags (without generating the whole host).
  std::vector<std::uint64_t> asset_group_ids(std::uint64_t index) const;
  const std::vector<AssetGroup>& asset_groups() const;

  // KnowledgeBase.
  std::uint32_t kb_size() const { return kb_size_; }
  std::uint64_t qid(std::uint32_t kb_index) const;
  std::optional<std::uint32_t> kb_index(std::uint64_t qid) const;
  std::uint32_t kb_lower_bound(std::uint64_t qid) const;
  Vuln vuln(std::uint32_t kb_index) const;  // every field (details=All)

  // QPS host assets: one per host, id = asset_id(index), qwebHostId = host ID, vuln list =
  // the host's detections that are not Fixed.
  std::uint64_t asset_id(std::uint64_t index) const;
  std::optional<std::uint64_t> asset_index(std::uint64_t asset_id) const;
  HostAsset host_asset(std::uint64_t index) const;

  // VM scans, newest first (one or two per day for the 90 days before now).
  std::vector<Scan> scans() const;

 private:
  std::uint64_t mix(std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0) const;
  // Simulated time of host `index`'s scan in generation g, and whether it was scanned then.
  bool scanned_in(std::uint64_t index, std::int64_t g) const;
  std::int64_t last_scan_generation(std::uint64_t index, std::int64_t at_or_before) const;
  std::int64_t next_scan_generation(std::uint64_t index, std::int64_t at_or_after) const;
  Timestamp scan_time(std::uint64_t index, std::int64_t g) const;
  std::int64_t host_birth_generation(std::uint64_t index) const;

  std::uint64_t seed_;
  std::uint64_t base_hosts_;
  std::uint64_t new_hosts_;
  std::uint32_t kb_size_;
  Timestamp epoch_;
  std::chrono::seconds generation_length_;
  Timestamp now_;
  std::int64_t generation_;
  std::uint32_t rescan_per_mille_;
};

// The dataset of a simulator: its parameters plus the simulated clock.
class Dataset {
 public:
  explicit Dataset(const Options& options);

  // The data as of the current simulated time. Take one view per response, so that a response
  // is consistent even if the clock moves while it streams.
  DataView view() const;
  Timestamp now() const;
  void advance_clock(std::chrono::seconds by);

 private:
  std::uint64_t seed_;
  std::uint64_t base_hosts_;
  std::uint64_t new_hosts_;
  std::uint32_t kb_size_;
  Timestamp epoch_;
  std::chrono::seconds generation_;
  std::uint32_t rescan_per_mille_;
  std::atomic<std::int64_t> offset_{0};
};

}  // namespace qvm::sim
