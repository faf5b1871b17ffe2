// JSON (one array of objects) and NDJSON (one object per line). The array is closed only by
// end(), so a run that fails midway never leaves a document that parses as complete.
#include "report/cell_text.hpp"
#include "report/stream_writer.hpp"

namespace qvm::report {
namespace {

class JsonWriter final : public StreamWriter {
 public:
  JsonWriter(std::ostream& out, WriterOptions options, bool lines)
      : StreamWriter(out, std::move(options)), lines_(lines) {}

  Status begin(std::span<const std::string> columns) override {
    keys_.clear();
    for (const auto& c : columns) {
      std::string key;
      append_json_string(key, c);
      key += ':';
      keys_.push_back(std::move(key));
    }
    if (lines_) return {};
    line_ = "[";
    return flush_line();
  }

  Status row(std::span<const FieldValue> values) override {
    line_.clear();
    if (!lines_) line_ += rows_ ? ",\n" : "\n";
    line_ += '{';
    for (size_t i = 0; i < values.size() && i < keys_.size(); ++i) {
      if (i) line_ += ',';
      line_ += keys_[i];
      append_json(line_, values[i], options_.decode_entities);
    }
    line_ += '}';
    if (lines_) line_ += '\n';
    ++rows_;
    return flush_line();
  }

  Status end() override {
    if (!lines_) {
      line_ = rows_ ? "\n]\n" : "]\n";
      if (auto s = flush_line(); !s) return s;
    }
    return flush();
  }

 private:
  bool lines_;
  std::vector<std::string> keys_;
  size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<RowWriter> make_json_writer(std::ostream& out, WriterOptions options, bool lines) {
  return std::make_unique<JsonWriter>(out, std::move(options), lines);
}

}  // namespace qvm::report
