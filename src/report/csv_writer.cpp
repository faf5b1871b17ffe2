// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote or
// line break (RESULTS often does), quotes doubled.
#include "report/cell_text.hpp"
#include "report/stream_writer.hpp"

namespace qvm::report {
namespace {

void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

class CsvWriter final : public StreamWriter {
 public:
  using StreamWriter::StreamWriter;

  Status begin(std::span<const std::string> columns) override {
    line_.clear();
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i) line_ += ',';
      append_csv_field(line_, columns[i]);
    }
    line_ += "\r\n";
    return flush_line();
  }

  Status row(std::span<const FieldValue> values) override {
    line_.clear();
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) line_ += ',';
      cell_.clear();
      append_text(cell_, values[i], options_.decode_entities);
      append_csv_field(line_, cell_);
    }
    line_ += "\r\n";
    return flush_line();
  }

  Status end() override { return flush(); }

 private:
  std::string cell_;
};

}  // namespace

std::unique_ptr<RowWriter> make_csv_writer(std::ostream& out, WriterOptions options) {
  return std::make_unique<CsvWriter>(out, std::move(options));
}

}  // namespace qvm::report
