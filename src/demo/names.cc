// SPDX-License-Identifier: Apache-2.0
#include "demo/names.h"

#include <array>
#include <vector>

namespace crm::demo {

namespace {

constexpr Surname kSurnames[] = {
    {"王", 7.12}, {"李", 7.00}, {"张", 6.74}, {"刘", 5.38}, {"陈", 4.53}, {"杨", 3.08},
    {"赵", 2.29}, {"黄", 2.23}, {"周", 1.95}, {"吴", 1.95}, {"徐", 1.57}, {"孙", 1.50},
    {"胡", 1.31}, {"朱", 1.26}, {"高", 1.22}, {"林", 1.18}, {"何", 1.17}, {"郭", 1.15},
    {"马", 1.05}, {"罗", 0.86}, {"梁", 0.82}, {"宋", 0.78}, {"郑", 0.75}, {"谢", 0.70},
    {"韩", 0.68}, {"唐", 0.65}, {"冯", 0.63}, {"于", 0.62}, {"董", 0.60},
    {"肖", 0.58}, {"程", 0.57}, {"曹", 0.56}, {"袁", 0.55}, {"邓", 0.54}, {"许", 0.53},
    {"傅", 0.50}, {"沈", 0.48}, {"曾", 0.47}, {"彭", 0.47}, {"吕", 0.46}, {"苏", 0.45},
    {"卢", 0.44}, {"蒋", 0.43}, {"蔡", 0.42}, {"贾", 0.41}, {"丁", 0.40}, {"魏", 0.39},
    {"薛", 0.38}, {"叶", 0.37}, {"阎", 0.36}, {"余", 0.35}, {"潘", 0.34}, {"杜", 0.33},
    {"戴", 0.32}, {"夏", 0.31}, {"钟", 0.30}, {"汪", 0.30}, {"田", 0.29}, {"任", 0.29},
    {"姜", 0.28}, {"范", 0.28}, {"方", 0.27}, {"石", 0.27}, {"姚", 0.26}, {"谭", 0.26},
    {"廖", 0.25}, {"邹", 0.25}, {"熊", 0.24}, {"金", 0.24}, {"陆", 0.23}, {"郝", 0.23},
    {"孔", 0.22}, {"白", 0.22}, {"崔", 0.21}, {"康", 0.21}, {"毛", 0.20}, {"邱", 0.20},
    {"秦", 0.19}, {"江", 0.19}, {"史", 0.18}, {"顾", 0.18}, {"侯", 0.17}, {"邵", 0.17},
    {"孟", 0.16}, {"龙", 0.16}, {"万", 0.15}, {"段", 0.15}, {"雷", 0.14}, {"钱", 0.14},
    {"汤", 0.13}, {"尹", 0.13}, {"黎", 0.12}, {"易", 0.12}, {"常", 0.11}, {"武", 0.11},
    {"乔", 0.10}, {"贺", 0.10}, {"赖", 0.10}, {"龚", 0.10}, {"文", 0.09}, {"覃", 0.08},
    {"欧阳", 0.05}, {"单", 0.04}, {"诸葛", 0.01}, {"司马", 0.01}, {"上官", 0.01},
};

// Common given-name characters (UTF-8, 3 bytes each), by the gender they suggest.
constexpr std::string_view kMale =
    "伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国文志海峰东亮博晨子轩"
    "睿泽然嘉一天成新思哲毅豪翔晖锋昊宏博瑞泰钧";
constexpr std::string_view kFemale =
    "芳娜敏静丽艳娟霞秀玲桂英燕红梅琳雪婷倩慧莉颖璐佳欣怡雨晴涵萱琪悦思梦瑶诗月可馨妍晓丹蕾"
    "薇洁露茜菲琳婉媛雯岚蓉";

std::string_view char_at(std::string_view chars, size_t i) { return chars.substr(i * 3, 3); }

const WeightedTable& surname_table() {
  static const WeightedTable table = [] {
    std::vector<double> weights;
    for (const auto& s : kSurnames) weights.push_back(s.percent);
    return WeightedTable(weights);
  }();
  return table;
}

}  // namespace

std::span<const Surname> surnames() { return kSurnames; }

std::string make_name(Rng& rng, Gender gender) {
  std::string name(kSurnames[surname_table().pick(rng)].text);
  const std::string_view chars = gender == Gender::kMale ? kMale : kFemale;
  const size_t count = chars.size() / 3;
  const int length = rng.chance(0.25) ? 1 : 2;
  for (int i = 0; i < length; ++i) name += char_at(chars, rng.below(count));
  return name;
}

}  // namespace crm::demo
