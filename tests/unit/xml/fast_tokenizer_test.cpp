// What only the fast tokenizer promises beyond expat's events: linear time however the input is
// cut (it keeps the unfinished tail and re-scans it only when that can pay off), a size cap on
// tokens, and error positions that read like expat's.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "event_stream.hpp"

namespace qvm::test {
namespace {

std::vector<size_t> every_byte(size_t size) {
  std::vector<size_t> cuts;
  for (size_t at = 1; at < size; ++at)
    cuts.push_back(at);
  return cuts;
}

TEST(FastTokenizer, LongTextAndLongTagsInOneByteChunksStayLinear) {
  // A quadratic re-scan of these 2.5 MB fed one byte at a time would take hours.
  const std::string results(2 << 20, 'r');
  const std::string value(256 << 10, 'v');
  const std::string doc =
      "<HOST><RESULTS>" + results + "</RESULTS><A v=\"" + value + "\" w='" + value + "'/></HOST>";
  const EventStream s = parse_events(xml::Backend::kFast, doc, every_byte(doc.size()));
  ASSERT_TRUE(s.ok) << s.error;
  ASSERT_EQ(s.events.size(), 7u);
  EXPECT_EQ(s.events[2], results);
  EXPECT_EQ(s.events[4], "<A v=\"" + value + "\" w=\"" + value + "\">");
}

TEST(FastTokenizer, BigChunksAfterACutTagParseTheSame) {
  std::string doc = "<R>";
  for (int i = 0; i < 20000; ++i)
    doc += "<D id=\"" + std::to_string(i) + "\"><Q>" + std::to_string(i * 7) + "</Q></D>";
  doc += "</R>";
  const EventStream whole = parse_events(xml::Backend::kFast, doc, {});
  ASSERT_TRUE(whole.ok);
  for (size_t first : {1, 5, 9, 4093}) {  // a tiny first piece, then the rest in one chunk
    EXPECT_EQ(parse_events(xml::Backend::kFast, doc, {first}).events, whole.events) << first;
  }
}

TEST(FastTokenizer, TokensOverTheCapAreRefused) {
  const std::string doc = "<r a=\"" + std::string(2 << 20, 'x') + "\"/>";
  for (const auto& cuts : {std::vector<size_t>{}, std::vector<size_t>{100, 5000, 1 << 20}}) {
    const EventStream s = parse_events(xml::Backend::kFast, doc, cuts);
    ASSERT_FALSE(s.ok);
    EXPECT_EQ(
        s.error,
        "line 1, column 1: token longer than 1048576 bytes (the limit of the fast XML parser)");
  }
  // Text is streamed, never a token: any length passes.
  const std::string text = "<r>" + std::string(3 << 20, 't') + "</r>";
  EXPECT_TRUE(parse_events(xml::Backend::kFast, text, {7, 1 << 20}).ok);
}

TEST(FastTokenizer, ErrorMessagesMatchExpatsIncludingPositions) {
  for (const char* doc :
       {"<r>\r\n\xc3\xa9\xc3\xa9<b></r>", "<r>\n\n  ab\xff</r>", "<r>\r\r  &nope;</r>", "<r/>\n  x",
        "<r>\n <a b=\"1\" b=\"2\"/></r>", "<r>\n &#0;</r>", "<r>\n <a b=\"<\"/></r>", "<r>\n a]]>",
        "<a>\n  <b></a></b>"}) {
    for (const auto& cuts : {std::vector<size_t>{}, std::vector<size_t>{2, 3, 5, 8, 13}}) {
      const EventStream expat = parse_events(xml::Backend::kExpat, doc, cuts);
      const EventStream fast = parse_events(xml::Backend::kFast, doc, cuts);
      ASSERT_FALSE(expat.ok);
      EXPECT_EQ(fast.error, expat.error) << doc;
    }
  }
}

TEST(FastTokenizer, NonAsciiNamesAreADocumentedRefusal) {
  const EventStream s = parse_events(xml::Backend::kFast, "<caf\xc3\xa9/>", {});
  ASSERT_FALSE(s.ok);
  EXPECT_EQ(s.error,
            "line 1, column 5: non-ASCII element, attribute and entity names are not supported by "
            "the fast XML parser");
  // Non-ASCII text and attribute values are fine.
  EXPECT_TRUE(parse_events(xml::Backend::kFast, "<r a=\"\xc3\xa9\">\xe2\x82\xac</r>", {}).ok);
}

}  // namespace
}  // namespace qvm::test
