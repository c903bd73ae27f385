// SPDX-License-Identifier: Apache-2.0
#include <xlsxwriter.h>

#include <gtest/gtest.h>

#include "modules/customers/tabular/table.h"

namespace crm::tabular {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReaderTest, QuotesDoubledQuotesNewlinesAndBom) {
  auto table = read_csv("\xEF\xBB\xBF姓名,备注\r\n李雷,\"说 \"\"你好\"\"\r\n第二行\"\r\n韩梅梅,\n,\n\n");
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->header, (std::vector<std::string>{"姓名", "备注"}));
  EXPECT_EQ(table->rows, (Rows{{"李雷", "说 \"你好\"\r\n第二行"}, {"韩梅梅", ""}}));
}

TEST(CsvReaderTest, LastLineWithoutBreakAndTrailingEmptyCell) {
  auto table = read_csv("a,b\n1,");
  ASSERT_TRUE(table);
  EXPECT_EQ(table->rows, (Rows{{"1", ""}}));
}

TEST(CsvReaderTest, ConvertsGb18030) {
  // "姓名,手机\n李雷,13800138000" in GBK bytes.
  auto table = read_csv("\xD0\xD5\xC3\xFB,\xCA\xD6\xBB\xFA\n\xC0\xEE\xC0\xD7,13800138000\n");
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->header, (std::vector<std::string>{"姓名", "手机"}));
  EXPECT_EQ(table->rows, (Rows{{"李雷", "13800138000"}}));
}

TEST(CsvReaderTest, MalformedInputIsAClearError) {
  auto unclosed = read_csv("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(unclosed);
  EXPECT_EQ(unclosed.error().code, "import.unreadable");
  EXPECT_NE(unclosed.error().message.find("Line 2"), std::string::npos) << unclosed.error().message;
  auto trailing = read_csv("a\n\"x\"y\n");
  ASSERT_FALSE(trailing);
  EXPECT_EQ(trailing.error().code, "import.unreadable");
}

TEST(TableReaderTest, EmptyAndHeaderless) {
  EXPECT_EQ(read_table("").error().code, "import.empty");
  EXPECT_EQ(read_table("\xEF\xBB\xBF").error().code, "import.empty");
  EXPECT_EQ(read_table(",,\n1,2,3\n").error().code, "import.no_header");
  EXPECT_EQ(read_table("PK\x03\x04garbage").error().code, "import.unreadable");
}

TEST(CsvWriterTest, BomQuotingAndFormulaNeutralising) {
  const std::string csv =
      write_csv({"姓名", "备注"}, {{"=1+1", "a,\"b\""}, {"-5", "@x"}, {"\tt", "line\nbreak"}});
  EXPECT_EQ(csv, "\xEF\xBB\xBF姓名,备注\r\n'=1+1,\"a,\"\"b\"\"\"\r\n'-5,'@x\r\n'\tt,\"line\nbreak\"\r\n");
  auto back = read_csv(csv);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->rows[0], (std::vector<std::string>{"'=1+1", "a,\"b\""}));
  EXPECT_EQ(back->rows[2][1], "line\nbreak");
}

TEST(XlsxTest, WriterOutputReadsBack) {
  auto bytes = write_xlsx("客户", {"姓名", "手机", "备注"},
                          {{"李雷", "13800138000", "=1+1"}, {"韩梅梅", "", "x"}});
  ASSERT_TRUE(bytes) << bytes.error().detail;
  EXPECT_EQ(detect_format(*bytes), Format::kXlsx);
  Format format = Format::kCsv;
  auto table = read_table(*bytes, &format);
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(format, Format::kXlsx);
  EXPECT_EQ(table->header, (std::vector<std::string>{"姓名", "手机", "备注"}));
  // Gaps (the empty phone) are filled with "".
  EXPECT_EQ(table->rows, (Rows{{"李雷", "13800138000", "=1+1"}, {"韩梅梅", "", "x"}}));
}

// A workbook made like Excel would: numbers, dates in date-formatted cells, a gap.
std::string excel_like_workbook() {
  char path[] = "/tmp/tabular-test-XXXXXX";
  const int fd = mkstemp(path);
  close(fd);
  lxw_workbook* workbook = workbook_new(path);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Sheet1");
  lxw_format* date = workbook_add_format(workbook);
  format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* builtin = workbook_add_format(workbook);
  format_set_num_format_index(builtin, 14);
  worksheet_write_string(sheet, 0, 0, "姓名", nullptr);
  worksheet_write_string(sheet, 0, 1, "生日", nullptr);
  worksheet_write_string(sheet, 0, 3, "手机", nullptr);
  worksheet_write_string(sheet, 2, 0, "李雷", nullptr);
  lxw_datetime birthday = {1990, 5, 1, 0, 0, 0};
  worksheet_write_datetime(sheet, 2, 1, &birthday, date);
  worksheet_write_number(sheet, 2, 3, 13800138000.0, nullptr);
  worksheet_write_string(sheet, 3, 0, "韩梅梅", nullptr);
  worksheet_write_number(sheet, 3, 1, 33239, builtin);  // 1991-01-01
  workbook_close(workbook);
  FILE* file = fopen(path, "rb");
  std::string bytes;
  char buffer[4096];
  size_t got = 0;
  while ((got = fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, got);
  fclose(file);
  remove(path);
  return bytes;
}

TEST(XlsxTest, ReadsNumbersDatesAndGaps) {
  auto table = read_xlsx(excel_like_workbook());
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->header, (std::vector<std::string>{"姓名", "生日", "", "手机"}));
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_TRUE(table->rows[0].empty());  // row 2 of the sheet is empty: numbering kept
  EXPECT_EQ(table->rows[1], (std::vector<std::string>{"李雷", "1990-05-01", "", "13800138000"}));
  EXPECT_EQ(table->rows[2], (std::vector<std::string>{"韩梅梅", "1991-01-01"}));
}

TEST(XlsxTest, DamagedArchiveIsAClearError) {
  auto bytes = write_xlsx("s", {"a"}, {{"1"}});
  ASSERT_TRUE(bytes);
  std::string cut = bytes->substr(0, bytes->size() / 2);
  auto table = read_xlsx(cut);
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().code, "import.unreadable");
}

}  // namespace
}  // namespace crm::tabular
