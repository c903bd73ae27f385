// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_json.h"

#include <gtest/gtest.h>

#include "modules/customers/customer_service.h"

namespace crm::customers {
namespace {

TEST(CustomerJson, NormalizesChineseMobileNumbers) {
  EXPECT_EQ(normalize_phone("138 0013 8000"), "13800138000");
  EXPECT_EQ(normalize_phone("+86 138-0013-8000"), "13800138000");
  EXPECT_EQ(normalize_phone("8613800138000"), "13800138000");
  EXPECT_FALSE(normalize_phone("12800138000"));
  EXPECT_FALSE(normalize_phone("1380013800"));
  EXPECT_FALSE(normalize_phone("1380013800a"));
}

TEST(CustomerJson, ValidatesEmailsAndDates) {
  EXPECT_EQ(normalize_email(" Li@Example.COM "), "li@example.com");
  EXPECT_FALSE(normalize_email("li@example"));
  EXPECT_FALSE(normalize_email("@example.com"));
  EXPECT_FALSE(normalize_email("a b@example.com"));
  auto future = parse_fields({{"name", "x"}, {"birthday", "2030-01-01"}}, {}, true, "2026-11-18");
  EXPECT_EQ(future.error().code, "customer.invalid_birthday");
  auto bad = parse_fields({{"name", "x"}, {"birthday", "2023-02-29"}}, {}, true, "2026-11-18");
  EXPECT_EQ(bad.error().field, "birthday");
  EXPECT_TRUE(parse_fields({{"name", "x"}, {"birthday", "2024-02-29"}}, {}, true, "2026-11-18"));
  EXPECT_EQ(parse_fields({{"name", ""}}, {}, true, "2026-11-18").error().code, "validation.required");
  EXPECT_EQ(parse_fields(Json::object(), {}, true, "2026-11-18").error().field, "name");
  EXPECT_EQ(parse_fields({{"name", std::string(65, 'a')}}, {}, true, "2026-11-18").error().code,
            "validation.length");
  EXPECT_EQ(parse_fields({{"name", "x"}, {"gender", "x"}}, {}, true, "2026-11-18").error().code,
            "validation.enum");
  EXPECT_EQ(parse_fields({{"name", "x"}, {"phone", "123"}}, {}, true, "2026-11-18").error().code,
            "customer.invalid_phone");
}

TEST(CustomerJson, Masks) {
  EXPECT_EQ(mask_phone("13812341234"), "138****1234");
  EXPECT_EQ(mask_email("lilei@example.com"), "l***@example.com");
  EXPECT_EQ(mask_detail("文三路 100 号"), "文三***");
  EXPECT_EQ(mask_id_number("330106199001011234"), "3301**********1234");
}

TEST(CustomerJson, CursorRoundTrip) {
  const auto parsed = parse_list_cursor(list_cursor("li lei\nx", 42));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->first, "li lei\nx");
  EXPECT_EQ(parsed->second, 42);
  EXPECT_FALSE(parse_list_cursor("!!"));
}

TEST(CustomerService, MerchantDateIsShanghai) {
  EXPECT_EQ(merchant_date(0), "1970-01-01");
  EXPECT_EQ(merchant_date(16LL * 3600 * 1000), "1970-01-02");  // 00:00 in Shanghai
  EXPECT_EQ(merchant_date(1'795'000'000'000), "2026-11-18");
}

}  // namespace
}  // namespace crm::customers
