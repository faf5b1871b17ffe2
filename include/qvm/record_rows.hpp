// Records as rows for the writers: one column per field, named after the Qualys element in lower
// snake case (QID → qid, FIRST_FOUND_DATETIME → first_found_datetime). Timestamps are written
// as `YYYY-MM-DDTHH:MM:SSZ`; lists become JSON arrays / `;`-joined CSV.
#pragma once

#include <string>
#include <vector>

#include "qvm/detection.hpp"
#include "qvm/host.hpp"
#include "qvm/host_asset.hpp"
#include "qvm/scan.hpp"
#include "qvm/vuln.hpp"
#include "qvm/writers.hpp"

namespace qvm {

const std::vector<std::string>& host_columns();
void host_row(const Host& host, std::vector<FieldValue>& out);

// A detection row starts with its host's `host_id` and `ip`.
const std::vector<std::string>& detection_columns();
void detection_row(const Host& host, const Detection& detection, std::vector<FieldValue>& out);

const std::vector<std::string>& vuln_columns();
void vuln_row(const Vuln& vuln, std::vector<FieldValue>& out);

const std::vector<std::string>& scan_columns();
void scan_row(const Scan& scan, std::vector<FieldValue>& out);

const std::vector<std::string>& host_asset_columns();
void host_asset_row(const HostAsset& asset, std::vector<FieldValue>& out);

// Cell conversions the rows are built from, for callers that compose their own rows.
FieldValue to_field(const std::optional<std::string>& v);
FieldValue to_field(const std::string& v);
FieldValue to_field(const std::optional<Timestamp>& v);
FieldValue to_field(std::uint64_t v);
FieldValue to_field(const std::optional<std::uint64_t>& v);
FieldValue to_field(int v);
FieldValue to_field(const std::optional<int>& v);
FieldValue to_field(const std::optional<std::int64_t>& v);
FieldValue to_field(const std::optional<bool>& v);

}  // namespace qvm
