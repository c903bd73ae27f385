// SPDX-License-Identifier: Apache-2.0
#include "demo/products.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace crm::demo {

namespace {

struct Item {
  std::string_view noun;
  int64_t min_yuan, max_yuan;
};

struct CategoryTemplate {
  std::string_view name, code;
  double share;  // of products and, roughly, of sales
  std::vector<std::string_view> brands;
  std::vector<std::string_view> styles;
  std::vector<Item> items;
  std::vector<std::string_view> specs;
};

const std::vector<CategoryTemplate>& templates() {
  static const std::vector<CategoryTemplate> t = {
      {"服装", "FZ", 1.6, {"素域", "棉语", "木槿", "北境", "初色"},
       {"纯棉", "宽松", "修身", "复古", "简约", "加厚"},
       {{"T恤", 39, 129}, {"连衣裙", 99, 399}, {"牛仔裤", 89, 299}, {"卫衣", 99, 259},
        {"羽绒服", 299, 1299}, {"衬衫", 79, 239}, {"针织开衫", 119, 329}},
       {"S码", "M码", "L码", "XL码", "黑色", "白色", "燕麦色"}},
      {"鞋靴", "XX", 1.0, {"步履", "轻驰", "逸行"}, {"透气", "防滑", "轻便", "真皮"},
       {{"运动鞋", 199, 699}, {"帆布鞋", 69, 199}, {"马丁靴", 199, 599}, {"凉鞋", 59, 199},
        {"小白鞋", 129, 359}},
       {"37码", "38码", "39码", "40码", "41码", "42码"}},
      {"美妆", "MZ", 1.4, {"花屿", "雪颜", "珀莱", "时光"}, {"保湿", "美白", "修护", "控油"},
       {{"精华液", 149, 699}, {"面霜", 129, 599}, {"口红", 89, 329}, {"面膜", 59, 199},
        {"防晒霜", 79, 229}, {"洁面乳", 39, 129}},
       {"30ml", "50ml", "100ml", "5片装", "10片装"}},
      {"食品", "SP", 1.3, {"三只松果", "良品坊", "老街口", "山野"}, {"原味", "香辣", "低糖", "有机"},
       {{"坚果礼盒", 69, 259}, {"牛肉干", 39, 99}, {"挂耳咖啡", 39, 119}, {"茶叶", 69, 399},
        {"蜂蜜", 49, 159}, {"大米", 49, 129}},
       {"500g", "1kg", "礼盒装", "家庭装", "20包"}},
      {"母婴", "MY", 0.9, {"贝亲乐", "小鹿蓝", "童趣"}, {"婴儿", "宝宝", "儿童"},
       {{"纸尿裤", 89, 219}, {"奶瓶", 59, 169}, {"湿巾", 29, 79}, {"爬行垫", 99, 299},
        {"辅食机", 199, 499}},
       {"S码", "M码", "L码", "80抽×6包", "240ml"}},
      {"家居", "JJ", 1.1, {"木语", "居然", "素舍"}, {"北欧", "日式", "简约", "加厚"},
       {{"四件套", 159, 599}, {"收纳箱", 39, 129}, {"乳胶枕", 99, 299}, {"香薰", 49, 169},
        {"地毯", 99, 399}, {"保温杯", 59, 199}},
       {"1.5米床", "1.8米床", "大号", "中号", "三件装"}},
      {"数码", "SM", 0.9, {"声阔", "极米", "绿联", "漫步者"}, {"无线", "快充", "降噪", "便携"},
       {{"蓝牙耳机", 129, 899}, {"充电宝", 79, 259}, {"数据线", 19, 69}, {"机械键盘", 199, 699},
        {"智能手表", 299, 1599}, {"平板支架", 39, 129}},
       {"黑色", "白色", "10000mAh", "20000mAh", "Type-C"}},
      {"家电", "JD", 0.7, {"美的康", "小熊", "九阳"}, {"智能", "迷你", "家用", "变频"},
       {{"空气炸锅", 199, 599}, {"电饭煲", 199, 899}, {"吹风机", 99, 499}, {"扫地机器人", 999, 3299},
        {"破壁机", 299, 999}, {"电热水壶", 69, 199}},
       {"3L", "5L", "1.7L", "白色", "灰色"}},
      {"运动", "YD", 0.8, {"迪卡", "悦动", "力健"}, {"专业", "速干", "防滑", "加厚"},
       {{"瑜伽垫", 59, 199}, {"跳绳", 19, 79}, {"哑铃", 69, 299}, {"运动T恤", 59, 169},
        {"骑行手套", 39, 129}},
       {"6mm", "10mm", "2kg", "5kg", "M码", "L码"}},
      {"图书", "TS", 0.7, {"中信", "人民文学", "商务印书馆"}, {"精装", "平装", "新版"},
       {{"小说", 29, 79}, {"儿童绘本", 29, 129}, {"编程入门", 59, 139}, {"历史读物", 39, 99},
        {"英语词典", 49, 129}},
       {"全1册", "全3册", "套装"}},
      {"箱包", "XB", 0.6, {"途锐", "简行", "城迹"}, {"大容量", "防水", "轻量", "真皮"},
       {{"双肩包", 99, 399}, {"行李箱", 299, 1099}, {"托特包", 129, 499}, {"钱包", 59, 299},
        {"斜挎包", 79, 299}},
       {"20寸", "24寸", "28寸", "黑色", "棕色"}},
      {"宠物", "CW", 0.6, {"喵仙", "汪星", "毛孩"}, {"天然", "无谷", "低敏", "冻干"},
       {{"猫粮", 69, 299}, {"狗粮", 69, 329}, {"猫砂", 39, 99}, {"逗猫棒", 9, 39},
        {"宠物窝", 59, 229}},
       {"1.5kg", "2kg", "6L", "10kg", "小号", "大号"}},
  };
  return t;
}

int64_t nice_price_fen(int64_t yuan) {
  // Prices end in 9 (39, 129, 1299), as shops set them.
  if (yuan < 10) return yuan * 100 - 10;
  return (yuan / 10 * 10 + 9) * 100;
}

}  // namespace

std::span<const std::string_view> product_category_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& t : templates()) out.push_back(t.name);
    return out;
  }();
  return names;
}

std::string ean13(std::string_view digits) {
  int sum = 0;
  for (size_t i = 0; i < 12 && i < digits.size(); ++i) {
    sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  }
  return std::string(digits) + static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::vector<DemoProduct> make_catalog(Rng& rng, int64_t count) {
  const auto& t = templates();
  std::vector<double> shares;
  for (const auto& c : t) shares.push_back(c.share);
  const WeightedTable categories(shares);
  std::vector<DemoProduct> products;
  products.reserve(static_cast<size_t>(count));
  // Each category gets at least one product; the rest by share.
  for (int64_t i = 0; i < count; ++i) {
    const size_t c = i < static_cast<int64_t>(t.size()) ? static_cast<size_t>(i)
                                                        : categories.pick(rng);
    const CategoryTemplate& tpl = t[c];
    const Item& item = tpl.items[rng.below(tpl.items.size())];
    DemoProduct p;
    p.category = c;
    p.name = fmt::format("{}{}{} {}", tpl.brands[rng.below(tpl.brands.size())],
                         tpl.styles[rng.below(tpl.styles.size())], item.noun,
                         tpl.specs[rng.below(tpl.specs.size())]);
    p.sku = fmt::format("{}-{:05d}", tpl.code, i + 1);
    p.price_fen = nice_price_fen(rng.between(item.min_yuan, item.max_yuan));
    p.cost_fen = p.price_fen * rng.between(40, 70) / 100;
    p.barcode = ean13(fmt::format("69{:04d}{:06d}", 1000 + c * 37, i + 1));
    products.push_back(std::move(p));
  }
  // Popularity: Zipf (exponent 1.0) over a random ranking, scaled by the category's share.
  std::vector<size_t> rank(products.size());
  std::iota(rank.begin(), rank.end(), 0);
  for (size_t i = rank.size(); i > 1; --i) std::swap(rank[i - 1], rank[rng.below(i)]);
  for (size_t r = 0; r < rank.size(); ++r) {
    DemoProduct& p = products[rank[r]];
    p.popularity = t[p.category].share / (1.0 + static_cast<double>(r));
  }
  return products;
}

}  // namespace crm::demo
