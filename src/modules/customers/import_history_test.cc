// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/import_history.h"

#include <gtest/gtest.h>

#include "core/json.h"

namespace crm::customers {
namespace {

TEST(ImportHistory, FastTextEqualsTheJsonOfDiffFields) {
  PlannedRow minimal;
  minimal.fields.name = "李雷";
  EXPECT_EQ(created_history_json(minimal, 7), created_history_json_slow(minimal, 7));
  EXPECT_EQ(created_history_json(minimal, 7),
            R"({"import_id":7,"name":{"from":"","to":"李雷"}})");

  PlannedRow full;
  CustomerFields& f = full.fields;
  f.name = "Han \"Meimei\" \\ 韩\n\t\x01\x1f\x7f";
  f.gender = "female";
  f.birthday = "1990-05-01";
  f.phone = "13800138000";
  f.email = "a@example.com";
  f.id_number = "11010519491231002X";
  f.address = {"浙江省", "杭州市", "西湖区", "文三路100号"};
  f.source_channel = "tmall";
  f.stage = "transacted";
  f.hobbies = "跑步";
  f.notes = "line1\r\nline2 \b\f";
  f.consent = {true, false, true};
  full.tags = {"VIP", "复购", "q\"uote"};
  full.categories = {"批发客户"};
  EXPECT_EQ(created_history_json(full, 123456789012), created_history_json_slow(full, 123456789012));
  // Personal values never appear.
  const std::string text = created_history_json(full, 1);
  EXPECT_EQ(text.find("13800138000"), std::string::npos);
  EXPECT_EQ(text.find("文三路"), std::string::npos);
  EXPECT_TRUE(parse_json(text).has_value());

  PlannedRow defaults;  // gender unknown, stage potential: not changes
  defaults.fields.name = "x";
  defaults.fields.consent.email = true;
  defaults.tags = {"t"};
  EXPECT_EQ(created_history_json(defaults, 0), created_history_json_slow(defaults, 0));

  PlannedRow invalid;  // not UTF-8: the JSON path's replacement character, exactly
  invalid.fields.name = "bad\xff";
  EXPECT_EQ(created_history_json(invalid, 1), created_history_json_slow(invalid, 1));
}

}  // namespace
}  // namespace crm::customers
