// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/pinyin.h"

#include <thread>

#include <gtest/gtest.h>

#include "modules/customers/customer_search.h"

namespace crm::customers {
namespace {

TEST(PinyinTest, FullPinyinWithoutTonesOrSpacesAndInitials) {
  const NamePinyin li_lei = name_pinyin("李雷");
  EXPECT_EQ(li_lei.full, "lilei");
  EXPECT_EQ(li_lei.initials, "ll");
  EXPECT_EQ(name_pinyin("韩梅梅").full, "hanmeimei");
  EXPECT_EQ(name_pinyin("吕布").full, "lubu");  // ü without the diaeresis
  EXPECT_EQ(name_pinyin("欧阳修").initials, "oyx");
}

TEST(PinyinTest, SurnamePolyphonesOnlyForTheFirstCharacter) {
  EXPECT_EQ(name_pinyin("单田芳").full, "shantianfang");
  EXPECT_EQ(name_pinyin("曾国藩").full, "zengguofan");
  EXPECT_EQ(name_pinyin("解缙").full, "xiejin");
  EXPECT_EQ(name_pinyin("区志坚").full, "ouzhijian");
  EXPECT_EQ(name_pinyin("仇英").full, "qiuying");
  EXPECT_EQ(name_pinyin("朴槿惠").full, "piaojinhui");
  EXPECT_EQ(name_pinyin("查良镛").full, "zhaliangyong");
  EXPECT_EQ(name_pinyin("盖聂").full, "genie");
  EXPECT_EQ(name_pinyin("乐嘉").full, "yuejia");
  EXPECT_EQ(name_pinyin("尉迟恭").full, "yuchigong");
  EXPECT_EQ(name_pinyin("尉迟恭").initials, "ycg");
  EXPECT_EQ(name_pinyin("覃红").full, "qinhong");
  // Elsewhere in a name the common reading stays.
  EXPECT_EQ(name_pinyin("王单").full, "wangdan");
  EXPECT_EQ(name_pinyin("李乐").full, "lile");
}

TEST(PinyinTest, NonHanPassesThroughLowerCasedWithoutSpaces) {
  EXPECT_EQ(name_pinyin("Tom Lee").full, "tomlee");
  EXPECT_EQ(name_pinyin("Tom Lee").initials, "tomlee");
  const NamePinyin mixed = name_pinyin("李Tom2");
  EXPECT_EQ(mixed.full, "litom2");
  EXPECT_EQ(mixed.initials, "ltom2");
  EXPECT_EQ(name_pinyin("").full, "");
  // Invalid UTF-8 does not throw or crash.
  EXPECT_NO_THROW(name_pinyin(std::string("\xff\xfe李", 5)));
}

TEST(PinyinTest, EachThreadGetsItsOwnTransliterator) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&results, i] {
      for (int k = 0; k < 50; ++k) results[i] = name_pinyin("张三丰").full;
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, "zhangsanfeng");
}

TEST(CustomerSearchTest, NameGramsAreDistinctUnigramsAndBigrams) {
  EXPECT_EQ(name_grams("李雷"), (std::vector<std::string>{"李", "李雷", "雷"}));
  EXPECT_EQ(name_grams("梅梅"), (std::vector<std::string>{"梅", "梅梅"}));
  EXPECT_EQ(name_grams("ab"), (std::vector<std::string>{"a", "ab", "b"}));
  EXPECT_TRUE(name_grams("").empty());
}

TEST(CustomerSearchTest, PrefixUpperBoundIncrementsTheLastCodePoint) {
  EXPECT_EQ(prefix_upper_bound("lil"), "lim");
  EXPECT_EQ(prefix_upper_bound("李"), "杏");  // U+674E -> U+674F
  EXPECT_EQ(prefix_upper_bound("a\xf4\x8f\xbf\xbf"), "b");  // U+10FFFF cannot grow
  EXPECT_EQ(prefix_upper_bound(""), std::nullopt);
}

}  // namespace
}  // namespace crm::customers
