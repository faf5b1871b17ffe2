// Output writers shared by every command: one interface (begin / row / end), four formats.
// CSV, JSON and NDJSON stream each row as it comes; the table buffers rows to size its columns.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "qvm/error.hpp"
#include "qvm/timestamp.hpp"

namespace qvm {

enum class OutputFormat { kTable, kCsv, kJson, kNdjson };

// Parses "table", "csv", "json", "ndjson".
Result<OutputFormat> parse_output_format(std::string_view name);

// A cell: absent (null / empty), a number, a flag, text, a list (JSON array, `;`-joined CSV) or
// a timestamp (written `YYYY-MM-DDTHH:MM:SSZ`; kept as a time so that rows carry no formatted
// copy of it).
using FieldValue = std::variant<std::monostate, std::int64_t, std::uint64_t, double, bool,
                                std::string, std::vector<std::string>, Timestamp>;

struct WriterOptions {
  // Decode the HTML escapes Qualys leaves inside CDATA (&apos; &quot; &lt; &gt; &amp;) in text.
  bool decode_entities = false;
  // Table: the width to fit (0 = no limit) and how to order the buffered rows.
  size_t table_width = 0;
  // CSV, JSON, NDJSON: format and write on a thread of their own, fed through a bounded queue
  // of row batches, so that parsing and writing overlap.
  bool pipelined = false;
  std::function<bool(std::span<const FieldValue>, std::span<const FieldValue>)> table_order;
};

class RowWriter {
 public:
  virtual ~RowWriter() = default;
  virtual Status begin(std::span<const std::string> columns) = 0;
  virtual Status row(std::span<const FieldValue> values) = 0;
  // The same for a row the caller rebuilds for the next record anyway: the writer may take its
  // cells, leaving `values` empty, instead of copying them (the pipelined writer does).
  virtual Status take_row(std::vector<FieldValue>& values) { return row(values); }
  // Completes the document (closing bracket, table body). Not called when the run failed, so a
  // failed run never looks complete.
  virtual Status end() = 0;
};

std::unique_ptr<RowWriter> make_writer(OutputFormat format, std::ostream& out,
                                       WriterOptions options = {});

// Replaces the five HTML escapes Qualys leaves inside CDATA; other text is left as is.
std::string decode_html_entities(std::string_view text);

}  // namespace qvm
