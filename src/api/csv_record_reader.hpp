// An RFC 4180 CSV reader that takes bytes in chunks of any size and hands out one record at a
// time, so memory is bounded by the longest record. Quoted fields may hold commas, doubled
// quotes and line breaks (Qualys RESULTS are multi-line, with tabs); their text is kept exactly.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qvm/error.hpp"

namespace qvm::api {

struct CsvField {
  std::string text;
  bool quoted = false;  // `""` (quoted, empty) is distinguishable from an empty unquoted field
};

class CsvRecordReader {
 public:
  // Receives each record and the line it started on; an error stops the reader.
  using RecordHandler = std::function<Status(std::span<const CsvField>, size_t line)>;

  explicit CsvRecordReader(RecordHandler handler) : handler_(std::move(handler)) {}

  Status feed(std::string_view bytes);
  // Ends the input: a last record without a line break is delivered; input cut inside a quoted
  // field is a kMalformed error.
  Status finish();

  // The line being read (1-based), for error messages.
  size_t line() const { return line_; }

 private:
  Status end_field();
  Status end_record();
  std::unexpected<Error> malformed(std::string_view why) const;

  RecordHandler handler_;
  std::vector<CsvField> fields_;
  size_t used_ = 0;  // fields_ entries in use; the rest keep their storage for the next record
  std::string field_;
  bool field_quoted_ = false;
  bool in_quotes_ = false;
  bool after_quote_ = false;  // a quote inside a quoted field: an escape or its end
  bool record_started_ = false;
  size_t line_ = 1;
  size_t record_line_ = 1;
  std::optional<Error> failure_;
};

}  // namespace qvm::api
