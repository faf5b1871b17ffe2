// FieldTable: every name finds its own setter even when names collide on the hash (same length,
// same first, middle and last characters), and unknown names find none.
#include "api/field_table.hpp"

#include <gtest/gtest.h>

#include <string>

namespace qvm::api {
namespace {

struct Record {
  std::string where;
};

template <int N>
Status mark(Record& r, std::string&, std::string_view) {
  r.where = std::to_string(N);
  return {};
}

TEST(FieldTable, CollidingNamesEachFindTheirSetter) {
  // Differ only in the second character: one hash for all nine.
  const FieldTable<Record> table = {{"A1XYZ", mark<1>}, {"A2XYZ", mark<2>}, {"A3XYZ", mark<3>},
                                    {"A4XYZ", mark<4>}, {"A5XYZ", mark<5>}, {"A6XYZ", mark<6>},
                                    {"A7XYZ", mark<7>}, {"A8XYZ", mark<8>}, {"A9XYZ", mark<9>},
                                    {"QID", mark<10>},  {"", mark<11>}};
  for (int i = 1; i <= 9; ++i) {
    std::string name = "A" + std::to_string(i) + "XYZ";
    Record r;
    std::string text;
    bool known = false;
    ASSERT_TRUE(assign_from_table(table, r, name, text, &known));
    EXPECT_TRUE(known) << name;
    EXPECT_EQ(r.where, std::to_string(i)) << name;
  }
  Record r;
  std::string text;
  bool known = true;
  ASSERT_TRUE(assign_from_table(table, r, "QID", text, &known));
  EXPECT_EQ(r.where, "10");
  ASSERT_TRUE(assign_from_table(table, r, "", text, &known));
  EXPECT_EQ(r.where, "11");
  for (std::string_view unknown : {"A0XYZ", "AXYZ", "QIDS", "qid", "B1XYZ"}) {
    Record untouched;
    ASSERT_TRUE(assign_from_table(table, untouched, unknown, text, &known));
    EXPECT_FALSE(known) << unknown;
    EXPECT_EQ(untouched.where, "") << unknown;
  }
}

TEST(FieldTable, ARepeatedNameKeepsTheFirstSetter) {
  const FieldTable<Record> table = {{"QID", mark<1>}, {"QID", mark<2>}};
  Record r;
  std::string text;
  ASSERT_TRUE(assign_from_table(table, r, "QID", text));
  EXPECT_EQ(r.where, "1");
}

}  // namespace
}  // namespace qvm::api
