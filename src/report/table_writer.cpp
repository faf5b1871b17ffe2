// A human-readable table: rows are buffered (to sort them and size the columns), cells are put
// on one line, and the widest columns are shrunk with an ellipsis until the table fits.
#include <algorithm>
#include <numeric>

#include "report/cell_text.hpp"
#include "report/stream_writer.hpp"

namespace qvm::report {
namespace {

constexpr size_t kMaxCell = 60;  // longer text (RESULTS, SOLUTION) is cut even without a width
constexpr size_t kMinColumn = 6;
constexpr std::string_view kGap = "  ";

// Display width of UTF-8 text: one column per code point (no wide-character tables).
size_t display_width(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The longest prefix of `s` that fits `width` columns, cut on a code point boundary.
std::string fit(std::string_view s, size_t width) {
  if (display_width(s) <= width) return std::string(s);
  std::string out;
  size_t used = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    bool starts_code_point = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts_code_point && ++used > width - 1) break;
    out += s[i];
  }
  return out + "\u2026";
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

class TableWriter final : public StreamWriter {
 public:
  using StreamWriter::StreamWriter;

  Status begin(std::span<const std::string> columns) override {
    columns_.assign(columns.begin(), columns.end());
    return {};
  }

  Status row(std::span<const FieldValue> values) override {
    rows_.emplace_back(values.begin(), values.end());
    return {};
  }

  Status end() override {
    if (options_.table_order) {
      std::stable_sort(rows_.begin(), rows_.end(),
                       [&](const auto& a, const auto& b) { return options_.table_order(a, b); });
    }
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows_.size());
    for (const auto& r : rows_) {
      auto& line = cells.emplace_back();
      for (const auto& v : r) {
        std::string text;
        append_text(text, v, options_.decode_entities);
        line.push_back(fit(one_line(std::move(text)), kMaxCell));
      }
    }
    drop_empty_columns(cells);
    std::vector<size_t> widths = column_widths(cells);
    if (auto s = write_line(columns_, widths); !s) return s;
    for (const auto& line : cells) {
      if (auto s = write_line(line, widths); !s) return s;
    }
    return flush();
  }

 private:
  // A column empty in every row says nothing to a reader of the table: leave it out.
  void drop_empty_columns(std::vector<std::vector<std::string>>& cells) {
    if (cells.empty()) return;
    for (size_t c = columns_.size(); c-- > 0;) {
      bool empty = std::all_of(cells.begin(), cells.end(), [c](const auto& line) {
        return c >= line.size() || line[c].empty();
      });
      if (!empty) continue;
      columns_.erase(columns_.begin() + static_cast<std::ptrdiff_t>(c));
      for (auto& line : cells) {
        if (c < line.size()) line.erase(line.begin() + static_cast<std::ptrdiff_t>(c));
      }
    }
  }

  std::vector<size_t> column_widths(const std::vector<std::vector<std::string>>& cells) const {
    std::vector<size_t> widths(columns_.size());
    for (size_t c = 0; c < columns_.size(); ++c)
      widths[c] = display_width(columns_[c]);
    for (const auto& line : cells) {
      for (size_t c = 0; c < line.size() && c < widths.size(); ++c) {
        widths[c] = std::max(widths[c], display_width(line[c]));
      }
    }
    if (options_.table_width == 0 || widths.empty()) return widths;
    auto total = [&] {
      return std::accumulate(widths.begin(), widths.end(), size_t{0}) +
             kGap.size() * (widths.size() - 1);
    };
    // Shrink the widest column one step at a time: narrow columns (IDs, severities) stay whole.
    while (total() > options_.table_width) {
      auto widest = std::max_element(widths.begin(), widths.end());
      if (*widest <= kMinColumn) break;
      --*widest;
    }
    return widths;
  }

  Status write_line(const std::vector<std::string>& line, const std::vector<size_t>& widths) {
    line_.clear();
    for (size_t c = 0; c < widths.size(); ++c) {
      std::string cell = c < line.size() ? fit(line[c], widths[c]) : std::string();
      line_ += cell;
      if (c + 1 < widths.size()) {
        line_.append(widths[c] - display_width(cell), ' ');
        line_ += kGap;
      }
    }
    while (!line_.empty() && line_.back() == ' ')
      line_.pop_back();
    line_ += '\n';
    return flush_line();
  }

  std::vector<std::string> columns_;
  std::vector<std::vector<FieldValue>> rows_;
};

}  // namespace

std::unique_ptr<RowWriter> make_table_writer(std::ostream& out, WriterOptions options) {
  return std::make_unique<TableWriter>(out, std::move(options));
}

}  // namespace qvm::report
