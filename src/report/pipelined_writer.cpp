// The writer thread: rows cross to it through a core::Handoff.
#include "report/pipelined_writer.hpp"

#include <optional>

#include "core/handoff.hpp"

namespace qvm::report {
namespace {

using Row = std::vector<FieldValue>;

class PipelinedWriter final : public RowWriter {
 public:
  PipelinedWriter(std::unique_ptr<RowWriter> inner, std::size_t batch_rows, std::size_t max_batches)
      : inner_(std::move(inner)), batch_rows_(batch_rows), max_batches_(max_batches) {}

  Status begin(std::span<const std::string> columns) override {
    if (auto s = inner_->begin(columns); !s) return s;
    handoff_.emplace([this](Row& row) { return inner_->row(row); }, batch_rows_, max_batches_);
    return {};
  }

  Status row(std::span<const FieldValue> values) override {
    return handoff_->push(Row(values.begin(), values.end()));
  }

  Status take_row(std::vector<FieldValue>& values) override {
    std::size_t cells = values.size();
    auto s = handoff_->push(std::move(values));
    values.clear();         // valid and empty, whatever the move left
    values.reserve(cells);  // one allocation for the next row, not one per growth
    return s;
  }

  Status end() override {
    if (auto s = handoff_->close(); !s) return s;
    return inner_->end();
  }

 private:
  std::unique_ptr<RowWriter> inner_;
  std::size_t batch_rows_;
  std::size_t max_batches_;
  // Declared last: destroyed (its thread joined) before inner_.
  std::optional<core::Handoff<Row>> handoff_;
};

}  // namespace

std::unique_ptr<RowWriter> make_pipelined_writer(std::unique_ptr<RowWriter> inner,
                                                 std::size_t batch_rows, std::size_t max_batches) {
  return std::make_unique<PipelinedWriter>(std::move(inner), batch_rows, max_batches);
}

}  // namespace qvm::report
