// SPDX-License-Identifier: Apache-2.0
#include "demo/people.h"

#include <fmt/format.h>

#include <algorithm>

#include "demo/calendar.h"
#include "demo/names.h"
#include "demo/regions.h"
#include "modules/customers/pinyin.h"

namespace crm::demo {

namespace {

constexpr Channel kChannels[] = {
    {"天猫", "tmall", "悦享生活天猫旗舰店", 0.30},  {"京东", "jd", "悦享生活京东自营店", 0.22},
    {"抖音", "douyin", "悦享生活抖音小店", 0.18},   {"拼多多", "pinduoduo", "悦享生活拼多多店", 0.14},
    {"微信小程序", "wechat", "悦享生活小程序商城", 0.10}, {"线下门店", "offline", "悦享生活杭州湖滨店", 0.06},
};

// Mobile prefixes in use (China Mobile, Unicom, Telecom, virtual operators).
constexpr int kPrefixes[] = {130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 145, 147, 150,
                             151, 152, 153, 155, 156, 157, 158, 159, 166, 170, 171, 173, 175,
                             176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189,
                             191, 193, 195, 196, 197, 198, 199};
constexpr std::string_view kMailDomains[] = {"qq.com", "163.com", "126.com", "sina.com",
                                             "foxmail.com", "outlook.com", "gmail.com"};
constexpr std::string_view kTags[] = {"价格敏感", "爱评价", "夜猫子", "大促党", "母婴人群",
                                      "数码控", "美妆达人", "宠物主", "学生", "宝妈", "送礼",
                                      "品质优先"};
constexpr std::string_view kHobbies[] = {"跑步", "烘焙", "旅行", "摄影", "追剧", "健身",
                                         "瑜伽", "钓鱼", "露营", "阅读", "养猫", "咖啡"};
constexpr std::string_view kNotes[] = {"偏好顺丰发货", "工作日白天不方便接电话",
                                       "老客户，注意维护", "曾反馈包装破损，已补偿",
                                       "喜欢新品推荐", "要求开具发票"};

const WeightedTable& channel_table() {
  static const WeightedTable table = [] {
    std::vector<double> w;
    for (const auto& c : kChannels) w.push_back(c.share);
    return WeightedTable(w);
  }();
  return table;
}

std::string make_email(Rng& rng, std::string_view name, UniqueContacts& unique) {
  for (;;) {
    std::string email;
    const auto domain = kMailDomains[rng.below(std::size(kMailDomains))];
    if (domain == "qq.com" || rng.chance(0.3)) {
      email = fmt::format("{}@{}", rng.between(10'000'000, 3'999'999'999), domain);
    } else {
      email = fmt::format("{}{}@{}", customers::name_pinyin(name).full, rng.between(1, 9999),
                          domain);
    }
    if (unique.emails.insert(email).second) return email;
  }
}

}  // namespace

std::span<const Channel> channels() { return kChannels; }

std::string make_phone(Rng& rng, std::unordered_set<std::string>& seen) {
  for (;;) {
    std::string phone = fmt::format("{}{:08d}", kPrefixes[rng.below(std::size(kPrefixes))],
                                    rng.below(100'000'000));
    if (seen.insert(phone).second) return phone;
  }
}

DemoCustomer make_customer(Rng& rng, const PlannedCustomer& planned,
                           std::span<const int64_t> owners, int64_t now_ms,
                           UniqueContacts& unique) {
  DemoCustomer c;
  auto& f = c.fields;
  const Gender gender = rng.chance(0.62) ? Gender::kFemale : Gender::kMale;
  f.gender = rng.chance(0.05) ? "unknown" : gender == Gender::kFemale ? "female" : "male";
  f.name = make_name(rng, gender);
  if (rng.chance(0.7)) {
    const double age = std::clamp(31.0 + 9.0 * rng.normal(), 18.0, 70.0);
    const int64_t born = merchant_day(now_ms) - static_cast<int64_t>(age * 365.25) -
                         static_cast<int64_t>(rng.below(365));
    const CivilDate d = civil_from_days(born);
    f.birthday = fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
  }
  f.phone = make_phone(rng, unique.phones);
  if (rng.chance(0.3)) f.email = make_email(rng, f.name, unique);
  const Place place = pick_place(rng);
  f.address.province = place.province;
  f.address.city = place.city;
  f.address.district = place.district;
  if (planned.orders > 0 || rng.chance(0.4)) f.address.detail = make_street_address(rng);
  c.channel = channel_table().pick(rng);
  f.source_channel = kChannels[c.channel].name;
  f.stage = planned.paid ? "transacted" : "potential";
  if (rng.chance(0.15)) f.hobbies = kHobbies[rng.below(std::size(kHobbies))];
  if (rng.chance(0.05)) f.notes = kNotes[rng.below(std::size(kNotes))];
  f.consent.sms = rng.chance(0.45);
  f.consent.email = f.email.has_value() && rng.chance(0.35);
  f.consent.phone = rng.chance(0.2);
  c.owner_id = owners[rng.below(owners.size())];

  const int64_t tag_count = rng.between(0, 2);
  for (int64_t i = 0; i < tag_count; ++i) {
    std::string tag(kTags[rng.below(std::size(kTags))]);
    if (std::find(c.tags.begin(), c.tags.end(), tag) == c.tags.end()) c.tags.push_back(tag);
  }
  if (planned.orders >= 5) c.tags.emplace_back("高复购");
  if (planned.created_at_ms > now_ms - 30LL * kDayMs) c.tags.emplace_back("新客");

  if (planned.orders == 0) {
    c.categories.push_back(kCategoryProspect);
  } else if (planned.orders >= 8) {
    c.categories.push_back(kCategoryVip);
  } else {
    c.categories.push_back(kCategoryRegular);
  }
  if (planned.orders > 0 && rng.chance(0.01)) c.categories.push_back(kCategoryWholesale);
  return c;
}

}  // namespace crm::demo
