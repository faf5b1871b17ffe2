// The generated dataset: deterministic, ascending IDs, consistent across records, flat in memory,
// and moving with simulated time.
#include <gtest/gtest.h>

#include <set>

#include "qvm_sim/dataset.hpp"
#include "qvm_sim/options.hpp"

namespace qvm::sim {
namespace {

Options options(std::uint64_t hosts, std::uint64_t seed = 3) {
  Options o;
  o.hosts = hosts;
  o.seed = seed;
  o.kb_size = 500;
  return o;
}

TEST(Dataset, SameSeedSameData) {
  Dataset a(options(100)), b(options(100));
  for (std::uint64_t i = 0; i < 100; i += 7) {
    EXPECT_EQ(a.view().host(i), b.view().host(i));
    EXPECT_EQ(a.view().detections(i), b.view().detections(i));
  }
  EXPECT_EQ(a.view().vuln(42), b.view().vuln(42));
  Dataset c(options(100, 4));
  EXPECT_NE(a.view().host(5).os.value_or("") + a.view().host(5).ip.value_or(""),
            c.view().host(5).dns.value_or("") + "x");
}

TEST(Dataset, HostIdsAscendAndMapBack) {
  Dataset d(options(1000));
  auto v = d.view();
  std::uint64_t previous = 0;
  for (std::uint64_t i = 0; i < v.host_count(); ++i) {
    const auto id = v.host_id(i);
    ASSERT_GT(id, previous);
    ASSERT_EQ(v.host_index(id), i);
    ASSERT_EQ(v.lower_bound(id), i);
    ASSERT_EQ(v.lower_bound(previous + 1), i);
    ASSERT_EQ(v.asset_index(v.asset_id(i)), i);
    previous = id;
  }
  EXPECT_FALSE(v.host_index(previous + 1000));
}

TEST(Dataset, DetectionsReferToKnowledgeBaseAndAreConsistent) {
  Dataset d(options(300));
  auto v = d.view();
  std::set<std::string> statuses, types;
  std::size_t hosts_without = 0;
  for (std::uint64_t i = 0; i < v.host_count(); ++i) {
    auto dets = v.detections(i);
    if (dets.empty()) ++hosts_without;
    std::uint64_t last_qid = 0;
    for (const auto& det : dets) {
      ASSERT_GT(det.qid, last_qid);
      last_qid = det.qid;
      auto kb = v.kb_index(det.qid);
      ASSERT_TRUE(kb.has_value()) << det.qid;
      const auto vuln = v.vuln(*kb);
      EXPECT_EQ(det.severity, vuln.severity_level);
      EXPECT_EQ(det.type == "Info", vuln.vuln_type == "Information Gathered");
      ASSERT_TRUE(det.first_found_datetime && det.last_found_datetime);
      EXPECT_LE(*det.first_found_datetime, *det.last_found_datetime);
      EXPECT_LE(*det.last_found_datetime, v.now());
      EXPECT_LE(*det.last_update_datetime, v.now());
      if (det.status == "Fixed") {
        ASSERT_TRUE(det.last_fixed_datetime);
        EXPECT_GT(*det.last_fixed_datetime, *det.last_found_datetime);
      }
      if (det.status == "Re-Opened") {
        EXPECT_EQ(det.times_reopened, 1);
      }
      statuses.insert(*det.status);
      types.insert(det.type);
    }
  }
  EXPECT_GT(hosts_without, 0u);
  EXPECT_TRUE(statuses.contains("Active"));
  EXPECT_TRUE(statuses.contains("Fixed"));
  EXPECT_TRUE(types.contains("Confirmed"));
  EXPECT_TRUE(types.contains("Potential"));
  EXPECT_TRUE(types.contains("Info"));
}

TEST(Dataset, MillionHostsAreGeneratedOnDemand) {
  Dataset d(options(1'000'000));
  auto v = d.view();
  EXPECT_EQ(v.host_count(), 1'000'000u);
  auto h = v.host(999'999);
  EXPECT_EQ(h.id, v.host_id(999'999));
  EXPECT_EQ(v.host_index(h.id), 999'999u);
  EXPECT_TRUE(h.ip || h.ipv6);
}

TEST(Dataset, KnowledgeBaseQidsAscendAndMapBack) {
  Dataset d(options(10));
  auto v = d.view();
  std::uint64_t last = 0;
  for (std::uint32_t j = 0; j < v.kb_size(); ++j) {
    auto q = v.qid(j);
    ASSERT_GT(q, last);
    ASSERT_EQ(v.kb_index(q), j);
    ASSERT_EQ(v.kb_lower_bound(q), j);
    last = q;
  }
  const auto vuln = v.vuln(100);
  EXPECT_FALSE(vuln.title.empty());
  EXPECT_TRUE(vuln.published_datetime.has_value());
}

TEST(Dataset, TimeMovesHostsDetectionsAndKb) {
  Dataset d(options(200));
  const auto before = d.view();
  d.advance_clock(std::chrono::days(10));
  const auto after = d.view();
  EXPECT_EQ(after.generation(), before.generation() + 10);
  EXPECT_EQ(after.host_count(), before.host_count() + 10 * 2);
  std::size_t changed = 0, new_detections = 0;
  for (std::uint64_t i = 0; i < 200; ++i) {
    auto a = before.detections(i), b = after.detections(i);
    if (a != b) ++changed;
    if (b.size() > a.size()) ++new_detections;
  }
  EXPECT_GT(changed, 50u);
  EXPECT_GT(new_detections, 0u);
  std::size_t modified = 0;
  for (std::uint32_t j = 0; j < before.kb_size(); ++j) {
    if (before.vuln(j).last_service_modification_datetime !=
        after.vuln(j).last_service_modification_datetime) {
      ++modified;
    }
  }
  EXPECT_GT(modified, 0u);
}

}  // namespace
}  // namespace qvm::sim

namespace qvm::sim {
namespace {

TEST(DatasetRescanRate, OnePerMilleRateChangesAboutThatShareOfHostsPerRound) {
  Options options;
  options.hosts = 20000;
  options.new_hosts_per_generation = 1;
  options.rescan_per_mille = 10;  // 1%
  Dataset dataset(options);
  auto before = dataset.view();
  dataset.advance_clock(options.generation);
  auto after = dataset.view();
  std::uint64_t changed = 0;
  for (std::uint64_t i = 0; i < before.host_count(); ++i) {
    if (before.host(i).last_vm_scanned_date != after.host(i).last_vm_scanned_date) ++changed;
  }
  // 1% of 20,000 is 200; the hash spreads it within a few percent of that.
  EXPECT_GT(changed, 150u);
  EXPECT_LT(changed, 250u);
  EXPECT_EQ(after.host_count(), before.host_count() + 1);
}

}  // namespace
}  // namespace qvm::sim
