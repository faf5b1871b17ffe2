// Canonical text of a sync mirror and of a simulator's data, so tests compare them row by row.
#pragma once

#include <string>

#include "qvm_sim/dataset.hpp"

namespace qvm::test {

// Every row of every data table (hosts, tags, asset groups, detections, KB and its child
// tables), ordered, without sync bookkeeping (runs, checkpoint, seen_run).
std::string dump_mirror(const std::string& db_path);

// The fields the simulator's host list and host list detection send, from the mirror…
std::string mirror_as_records(const std::string& db_path);
// …and straight from the simulator's dataset: every host, every detection (all statuses,
// information gathered included) and the KB entry of every QID detected.
std::string simulator_as_records(const sim::DataView& view);

// "" when equal, else the first differing line of each and how many lines differ.
std::string first_difference(const std::string& actual, const std::string& expected);

}  // namespace qvm::test
