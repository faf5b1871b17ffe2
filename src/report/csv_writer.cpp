// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote or
// line break (RESULTS often does), quotes doubled.
#include "report/byte_scan.hpp"
#include "report/cell_text.hpp"
#include "report/stream_writer.hpp"

namespace qvm::report {
namespace {

void append_csv_field(std::string& out, std::string_view text) {
  if (find_first_in_class(text, 0, CsvSpecial{}) == text.size()) {
    out += text;
    return;
  }
  out += '"';
  size_t run = 0;  // start of the text not yet copied
  for (size_t quote = text.find('"'); quote != std::string_view::npos;
       quote = text.find('"', quote + 1)) {
    out.append(text.substr(run, quote + 1 - run));
    out += '"';  // doubled
    run = quote + 1;
  }
  out.append(text.substr(run));
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
