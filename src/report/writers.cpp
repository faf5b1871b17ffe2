// The writer factory, format names, and the CDATA entity decoder.
#include "qvm/writers.hpp"

#include "report/pipelined_writer.hpp"
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
  bool pipelined = options.pipelined;
  std::unique_ptr<RowWriter> writer;
  switch (format) {
    case OutputFormat::kTable:
      return report::make_table_writer(out, std::move(options));
    case OutputFormat::kCsv:
      writer = report::make_csv_writer(out, std::move(options));
      break;
    case OutputFormat::kJson:
      writer = report::make_json_writer(out, std::move(options), false);
      break;
    case OutputFormat::kNdjson:
      writer = report::make_json_writer(out, std::move(options), true);
      break;
  }
  return pipelined ? report::make_pipelined_writer(std::move(writer)) : std::move(writer);
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
