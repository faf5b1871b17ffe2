// The four output formats, byte for byte.
#include "qvm/writers.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include <sstream>

namespace qvm {
namespace {

std::string write_all(OutputFormat format, const std::vector<std::string>& columns,
                      const std::vector<std::vector<FieldValue>>& rows,
                      WriterOptions options = {}) {
  std::ostringstream out;
  auto writer = make_writer(format, out, std::move(options));
  EXPECT_TRUE(writer->begin(columns));
  for (const auto& r : rows)
    EXPECT_TRUE(writer->row(r));
  EXPECT_TRUE(writer->end());
  return out.str();
}

const std::vector<std::string> kColumns = {"qid", "results", "ssl", "cves", "port"};
const std::vector<std::vector<FieldValue>> kRows = {
    {std::uint64_t{38170}, std::string("a,b \"quoted\"\nline2\tTab"), true,
     std::vector<std::string>{"CVE-1", "CVE-2"}, FieldValue()},
    {std::uint64_t{6}, std::string("doesn&apos;t"), false, std::vector<std::string>{},
     std::int64_t{443}},
};

TEST(CsvWriter, QuotesPerRfc4180WithHeader) {
  EXPECT_EQ(write_all(OutputFormat::kCsv, kColumns, kRows),
            "qid,results,ssl,cves,port\r\n"
            "38170,\"a,b \"\"quoted\"\"\nline2\tTab\",1,CVE-1;CVE-2,\r\n"
            "6,doesn&apos;t,0,,443\r\n");
}

TEST(CsvWriter, DecodesEntitiesOnlyWhenAsked) {
  WriterOptions options;
  options.decode_entities = true;
  std::string out = write_all(OutputFormat::kCsv, kColumns, kRows, options);
  EXPECT_NE(out.find("6,doesn't,0,,443"), std::string::npos) << out;
}

TEST(JsonWriter, WritesAnArrayOfObjects) {
  EXPECT_EQ(write_all(OutputFormat::kJson, kColumns, kRows),
            "[\n"
            "{\"qid\":38170,\"results\":\"a,b \\\"quoted\\\"\\nline2\\tTab\",\"ssl\":true,"
            "\"cves\":[\"CVE-1\",\"CVE-2\"],\"port\":null},\n"
            "{\"qid\":6,\"results\":\"doesn&apos;t\",\"ssl\":false,\"cves\":[],\"port\":443}\n"
            "]\n");
}

TEST(JsonWriter, EmptyResultIsAnEmptyArray) {
  EXPECT_EQ(write_all(OutputFormat::kJson, kColumns, {}), "[]\n");
}

TEST(JsonWriter, NoClosingBracketWithoutEnd) {
  std::ostringstream out;
  auto writer = make_writer(OutputFormat::kJson, out);
  ASSERT_TRUE(writer->begin(kColumns));
  ASSERT_TRUE(writer->row(kRows[0]));
  // A failed run never calls end(): the document must not parse as complete.
  EXPECT_EQ(out.str().find("\n]"), std::string::npos) << out.str();
}

TEST(JsonWriter, EscapesControlCharacters) {
  std::string out = write_all(OutputFormat::kNdjson, {"t"}, {{std::string("a\x01\\b\x1f")}});
  EXPECT_EQ(out, "{\"t\":\"a\\u0001\\\\b\\u001f\"}\n");
}

TEST(JsonWriter, LongTextWithEscapesAnywhereRoundTrips) {
  // Escapes before, inside and across the 16-byte blocks the scan looks at.
  const char* pieces[] = {"a",
                          "b c",
                          "\"",
                          "\\",
                          "\n",
                          "\r\n",
                          "\t",
                          "\x01",
                          "\x1f",
                          "\x7f",
                          "\xC3\xA9",
                          "\xE2\x82\xAC",
                          "0123456789abcdef"};
  std::mt19937 random(11);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t n = random() % 400;
    for (size_t i = 0; i < n; ++i)
      text += pieces[random() % 13];
    std::string line = write_all(OutputFormat::kNdjson, {"t"}, {{text}});
    auto parsed = nlohmann::json::parse(line);
    ASSERT_EQ(parsed["t"].get<std::string>(), text) << "round " << round;
  }
}

TEST(CsvWriter, LongTextIsQuotedExactlyWhenRfc4180SaysSo) {
  const char* pieces[] = {"a", "b c", ",", "\"", "\r\n", "\n", "\xC3\xA9", "0123456789abcdef"};
  std::mt19937 random(12);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t n = random() % 300;
    for (size_t i = 0; i < n; ++i)
      text += pieces[random() % (round % 3 == 0 ? 8 : 2 + random() % 7)];
    std::string expected = text;
    if (text.find_first_of(",\"\r\n") != std::string::npos) {
      expected.clear();
      for (char c : text)
        expected += c == '"' ? std::string("\"\"") : std::string(1, c);
      expected = "\"" + expected + "\"";
    }
    ASSERT_EQ(write_all(OutputFormat::kCsv, {"t"}, {{text}}), "t\r\n" + expected + "\r\n")
        << "round " << round;
  }
}

TEST(Writers, TimestampCellsAreWrittenAsQualysSendsThem) {
  const std::vector<std::vector<FieldValue>> rows = {
      {Timestamp(std::chrono::seconds(1717372800)), FieldValue()}};
  EXPECT_EQ(write_all(OutputFormat::kCsv, {"when", "none"}, rows),
            "when,none\r\n2024-06-03T00:00:00Z,\r\n");
  EXPECT_EQ(write_all(OutputFormat::kNdjson, {"when", "none"}, rows),
            "{\"when\":\"2024-06-03T00:00:00Z\",\"none\":null}\n");
}

TEST(NdjsonWriter, WritesOneObjectPerLine) {
  EXPECT_EQ(write_all(OutputFormat::kNdjson, {"qid", "title"},
                      {{std::uint64_t{1}, std::string("x")}, {std::uint64_t{2}, FieldValue()}}),
            "{\"qid\":1,\"title\":\"x\"}\n{\"qid\":2,\"title\":null}\n");
}

TEST(TableWriter, AlignsColumnsAndSortsRows) {
  WriterOptions options;
  options.table_order = [](std::span<const FieldValue> a, std::span<const FieldValue> b) {
    return std::get<std::int64_t>(a[0]) > std::get<std::int64_t>(b[0]);
  };
  std::string out = write_all(
      OutputFormat::kTable, {"sev", "title"},
      {{std::int64_t{2}, std::string("low one")}, {std::int64_t{5}, std::string("urgent\nfix")}},
      options);
  EXPECT_EQ(out,
            "sev  title\n"
            "5    urgent fix\n"
            "2    low one\n");
}

TEST(TableWriter, ShrinksTheWidestColumnToFitTheWidth) {
  WriterOptions options;
  options.table_width = 20;
  std::string out = write_all(OutputFormat::kTable, {"id", "text"},
                              {{std::int64_t{1}, std::string(40, 'x')}}, options);
  EXPECT_EQ(out, "id  text\n1   xxxxxxxxxxxxxxx\u2026\n");
}

TEST(DecodeHtmlEntities, DecodesTheFiveEscapesOnly) {
  EXPECT_EQ(decode_html_entities("-&gt;&gt;HEADER&lt;&lt;- &quot;x&quot; &amp;amp; &apos; &nbsp;"),
            "->>HEADER<<- \"x\" &amp; ' &nbsp;");
}

TEST(OutputFormat, ParsesNamesAndRejectsOthers) {
  EXPECT_EQ(*parse_output_format("csv"), OutputFormat::kCsv);
  auto bad = parse_output_format("xml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kUsage);
}

}  // namespace
}  // namespace qvm

namespace qvm {
namespace {

TEST(TableWriter, LeavesOutColumnsEmptyInEveryRow) {
  std::string out = write_all(OutputFormat::kTable, {"qid", "fqdn", "title"},
                              {{std::int64_t{1}, FieldValue(), std::string("a")},
                               {std::int64_t{22}, std::string(), std::string("b")}});
  EXPECT_EQ(out, "qid  title\n1    a\n22   b\n");
}

}  // namespace
}  // namespace qvm

namespace qvm {
namespace {

TEST(PipelinedWriter, WritesExactlyWhatTheDirectWriterWrites) {
  std::vector<std::vector<FieldValue>> rows;
  for (int i = 0; i < 2000; ++i) {
    rows.push_back({std::int64_t{i}, std::string("row \"") + std::to_string(i) + "\"\n",
                    std::vector<std::string>{"a", std::to_string(i)}});
  }
  for (auto format : {OutputFormat::kCsv, OutputFormat::kJson, OutputFormat::kNdjson}) {
    WriterOptions pipelined;
    pipelined.pipelined = true;
    EXPECT_EQ(write_all(format, {"n", "text", "list"}, rows, pipelined),
              write_all(format, {"n", "text", "list"}, rows));
  }
}

TEST(PipelinedWriter, TakenRowsWriteTheSameAndAreLeftEmpty) {
  std::vector<std::vector<FieldValue>> rows;
  for (int i = 0; i < 1000; ++i)
    rows.push_back({std::int64_t{i}, std::string(40, static_cast<char>('a' + i % 26))});
  const std::vector<std::string> columns = {"n", "text"};
  for (auto format : {OutputFormat::kCsv, OutputFormat::kNdjson}) {
    for (bool pipelined : {false, true}) {
      std::ostringstream out;
      WriterOptions options;
      options.pipelined = pipelined;
      auto writer = make_writer(format, out, options);
      ASSERT_TRUE(writer->begin(columns));
      for (const auto& r : rows) {
        std::vector<FieldValue> row = r;
        ASSERT_TRUE(writer->take_row(row));
        if (pipelined) {
          EXPECT_TRUE(row.empty()) << "the pipelined writer takes the cells";
        }
      }
      ASSERT_TRUE(writer->end());
      EXPECT_EQ(out.str(), write_all(format, columns, rows)) << pipelined;
    }
  }
}

TEST(PipelinedWriter, AWriteFailureSurfacesToTheProducer) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);  // every write fails
  WriterOptions options;
  options.pipelined = true;
  auto writer = make_writer(OutputFormat::kNdjson, out, options);
  const std::vector<std::string> columns = {"n"};
  ASSERT_TRUE(writer->begin(columns));
  Status status;
  for (int i = 0; i < 5000 && status; ++i) {
    std::vector<FieldValue> row = {std::int64_t{i}};
    status = writer->row(row);
  }
  if (status) status = writer->end();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().kind, ErrorKind::kIo);
}

}  // namespace
}  // namespace qvm
