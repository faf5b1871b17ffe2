// The writer factory, format names, and the CDATA entity decoder.
#include "qvm/writers.hpp"

#include "report/stream_writer.hpp"

namespace qvm {

Result<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  if (name == "ndjson") return OutputFormat::kNdjson;
  return make_error(ErrorKind::kUsage, "unknown output format '" + std::string(name) + "'",
                    "use one of: table, csv, json, ndjson");
}

std::unique_ptr<RowWriter> make_writer(OutputFormat format, std::ostream& out,
                                       WriterOptions options) {
  switch (format) {
    case OutputFormat::kTable:
      return report::make_table_writer(out, std::move(options));
    case OutputFormat::kCsv:
      return report::make_csv_writer(out, std::move(options));
    case OutputFormat::kJson:
      return report::make_json_writer(out, std::move(options), false);
    case OutputFormat::kNdjson:
      return report::make_json_writer(out, std::move(options), true);
  }
  return nullptr;
}

std::string decode_html_entities(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&apos;", '\''}, {"&quot;", '"'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      bool replaced = false;
      for (auto [entity, c] : kEntities) {
        if (text.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace qvm
