// XML escaping: which characters become which entities, byte for byte.
#include "core/xml_escape.hpp"

#include <gtest/gtest.h>

namespace qvm::core {
namespace {

TEST(XmlEscape, EscapesMarkupCharacters) {
  EXPECT_EQ(xml_escape("a<b>&\"c\"", Apostrophe::kEscape), "a&lt;b&gt;&amp;&quot;c&quot;");
  EXPECT_EQ(xml_escape("a<b>&\"c\"", Apostrophe::kKeep), "a&lt;b&gt;&amp;&quot;c&quot;");
}

TEST(XmlEscape, ApostropheIsEscapedOnlyWhenAsked) {
  EXPECT_EQ(xml_escape("O'Brien", Apostrophe::kEscape), "O&apos;Brien");
  EXPECT_EQ(xml_escape("O'Brien", Apostrophe::kKeep), "O'Brien");
}

TEST(XmlEscape, EscapesAnAmpersandThatStartsAnEntityAgain) {
  EXPECT_EQ(xml_escape("&amp; &#39;", Apostrophe::kEscape), "&amp;amp; &amp;#39;");
}

TEST(XmlEscape, LeavesOtherTextAndUtf8Alone) {
  EXPECT_EQ(xml_escape("", Apostrophe::kEscape), "");
  EXPECT_EQ(xml_escape("Windows 10 Pro 64 bit Édition\n\t]]>", Apostrophe::kEscape),
            "Windows 10 Pro 64 bit Édition\n\t]]&gt;");
}

TEST(XmlEscape, AppendsAfterWhatTheBufferHolds) {
  std::string out = "<TEXT>";
  append_xml_escaped(out, "1 < 2", Apostrophe::kEscape);
  EXPECT_EQ(out, "<TEXT>1 &lt; 2");
}

}  // namespace
}  // namespace qvm::core
