// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "modules/customers/customer_json.h"
#include "modules/customers/import_fields.h"
#include "modules/customers/tabular/table.h"

namespace crm::customers {
namespace {

TEST(ImportFieldsTest, SuggestsFieldsFromChineseEnglishAndExportHeaders) {
  Json mapping = suggest_mapping({"姓名", "Mobile", "E-mail", "address_detail", "负责人", "名字"});
  EXPECT_EQ(mapping["姓名"], "name");
  EXPECT_EQ(mapping["Mobile"], "phone");
  EXPECT_EQ(mapping["E-mail"], "email");
  EXPECT_EQ(mapping["address_detail"], "address_detail");
  EXPECT_TRUE(mapping["负责人"].is_null());
  EXPECT_TRUE(mapping["名字"].is_null());  // name is taken by the first column
  Json exported = suggest_mapping(export_columns());
  for (const auto* field : {"number", "name", "gender", "birthday", "phone", "email", "id_number",
                            "province", "city", "district", "address_detail", "source_channel",
                            "stage", "categories", "tags", "hobbies", "notes", "consent_sms",
                            "consent_email", "consent_phone"}) {
    bool found = false;
    for (const auto& [column, field_name] : exported.items()) found = found || field_name == field;
    EXPECT_TRUE(found) << field;
  }
}

TEST(ImportFieldsTest, SplitsListsOnEverySeparator) {
  EXPECT_EQ(split_list("VIP;复购，老客、 新客 |a,b；c"),
            (std::vector<std::string>{"VIP", "复购", "老客", "新客", "a", "b", "c"}));
  EXPECT_TRUE(split_list(" ; ,").empty());
}

TEST(ImportFieldsTest, RowBodyTranslatesLabelsAndGoesThroughParseFields) {
  auto body = row_body({{"name", {"李雷", "姓名"}},
                        {"gender", {"男", "性别"}},
                        {"stage", {"已成交", "阶段"}},
                        {"birthday", {"1990/5/1", "生日"}},
                        {"address_detail", {"文三路", "地址"}},
                        {"consent_email", {"是", "邮件营销"}},
                        {"tags", {"a;b", "标签"}}});
  ASSERT_TRUE(body) << body.error().message;
  auto fields = parse_fields(body->body, CustomerFields{}, true, "2026-11-18");
  ASSERT_TRUE(fields) << fields.error().message;
  EXPECT_EQ(fields->gender, "male");
  EXPECT_EQ(fields->stage, "transacted");
  EXPECT_EQ(fields->birthday, "1990-05-01");
  EXPECT_EQ(fields->address.detail, "文三路");
  EXPECT_TRUE(fields->consent.email);
  EXPECT_FALSE(fields->consent.sms);
  EXPECT_EQ(body->tags, (std::vector<std::string>{"a", "b"}));

  auto bad = row_body({{"consent_sms", {"maybe", "短信营销"}}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "import.invalid_boolean");
  EXPECT_EQ(bad.error().field, "consent_sms");
  auto gender = parse_fields(row_body({{"name", {"x", "n"}}, {"gender", {"中", "g"}}})->body,
                             CustomerFields{}, true, "2026-11-18");
  ASSERT_FALSE(gender);
  EXPECT_EQ(gender.error().field, "gender");
}

TEST(ImportFieldsTest, UniqueHeaderNamesEmptyAndRepeatedColumns) {
  EXPECT_EQ(tabular::unique_header({"姓名", "", " 姓名 ", "姓名"}),
            (std::vector<std::string>{"姓名", "列2", "姓名 (2)", "姓名 (3)"}));
}

}  // namespace
}  // namespace crm::customers
