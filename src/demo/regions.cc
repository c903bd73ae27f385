// SPDX-License-Identifier: Apache-2.0
#include "demo/regions.h"

#include <fmt/format.h>

#include <vector>

namespace crm::demo {

namespace {

struct City {
  std::string_view name;
  double weight;
  std::string_view districts;  // separated by '|'
};

struct Province {
  std::string_view name;
  double population_m;  // millions, 2020 census
  double online_lean;   // how much more its people buy online than the average
  std::vector<City> cities;
};

const std::vector<Province>& provinces() {
  static const std::vector<Province> table = {
      {"广东省", 126.0, 1.4, {{"广州市", 4, "天河区|越秀区|海珠区|白云区|番禺区"},
                            {"深圳市", 4, "南山区|福田区|宝安区|龙岗区|罗湖区"},
                            {"东莞市", 2, "南城街道|东城街道|长安镇"},
                            {"佛山市", 2, "禅城区|南海区|顺德区"}}},
      {"山东省", 101.5, 0.9, {{"济南市", 3, "历下区|市中区|槐荫区"},
                            {"青岛市", 3, "市南区|市北区|黄岛区|崂山区"},
                            {"烟台市", 1, "芝罘区|莱山区|福山区"}}},
      {"河南省", 99.4, 0.7, {{"郑州市", 4, "金水区|中原区|二七区|管城回族区"},
                           {"洛阳市", 2, "西工区|涧西区|洛龙区"},
                           {"南阳市", 1, "宛城区|卧龙区"}}},
      {"江苏省", 84.7, 1.4, {{"南京市", 3, "鼓楼区|玄武区|秦淮区|建邺区"},
                           {"苏州市", 3, "姑苏区|吴中区|工业园区|昆山市"},
                           {"无锡市", 2, "梁溪区|滨湖区|新吴区"}}},
      {"四川省", 83.7, 0.9, {{"成都市", 5, "锦江区|青羊区|武侯区|成华区|高新区"},
                           {"绵阳市", 1, "涪城区|游仙区"},
                           {"南充市", 1, "顺庆区|高坪区"}}},
      {"河北省", 74.6, 0.8, {{"石家庄市", 3, "长安区|桥西区|裕华区"},
                           {"保定市", 2, "竞秀区|莲池区"},
                           {"唐山市", 2, "路北区|路南区"}}},
      {"湖南省", 66.4, 0.9, {{"长沙市", 4, "岳麓区|芙蓉区|天心区|开福区|雨花区"},
                           {"株洲市", 1, "天元区|芦淞区"},
                           {"衡阳市", 1, "蒸湘区|雁峰区"}}},
      {"浙江省", 64.6, 1.6, {{"杭州市", 4, "西湖区|上城区|拱墅区|滨江区|余杭区"},
                           {"宁波市", 2, "海曙区|鄞州区|江北区"},
                           {"温州市", 2, "鹿城区|瓯海区|龙湾区"},
                           {"金华市", 1, "婺城区|义乌市"}}},
      {"安徽省", 61.0, 0.8, {{"合肥市", 4, "蜀山区|包河区|庐阳区|瑶海区"},
                           {"芜湖市", 1, "镜湖区|鸠江区"}}},
      {"湖北省", 57.8, 1.0, {{"武汉市", 5, "武昌区|江汉区|洪山区|汉阳区|江岸区"},
                           {"宜昌市", 1, "西陵区|伍家岗区"},
                           {"襄阳市", 1, "襄城区|樊城区"}}},
      {"广西壮族自治区", 50.1, 0.8, {{"南宁市", 3, "青秀区|兴宁区|西乡塘区"},
                                   {"柳州市", 1, "城中区|鱼峰区"},
                                   {"桂林市", 1, "秀峰区|七星区"}}},
      {"云南省", 47.2, 0.8, {{"昆明市", 4, "五华区|盘龙区|官渡区|西山区"},
                           {"大理白族自治州", 1, "大理市"}}},
      {"江西省", 45.2, 0.8, {{"南昌市", 3, "东湖区|西湖区|红谷滩区"},
                           {"赣州市", 1, "章贡区|南康区"}}},
      {"辽宁省", 42.6, 0.9, {{"沈阳市", 3, "和平区|沈河区|皇姑区|浑南区"},
                           {"大连市", 3, "中山区|西岗区|沙河口区|甘井子区"}}},
      {"福建省", 41.5, 1.3, {{"福州市", 3, "鼓楼区|台江区|仓山区"},
                           {"厦门市", 3, "思明区|湖里区|集美区"},
                           {"泉州市", 2, "丰泽区|鲤城区|晋江市"}}},
      {"陕西省", 39.5, 0.9, {{"西安市", 5, "雁塔区|碑林区|未央区|莲湖区|长安区"},
                           {"宝鸡市", 1, "渭滨区|金台区"}}},
      {"贵州省", 38.6, 0.7, {{"贵阳市", 3, "南明区|云岩区|观山湖区"},
                           {"遵义市", 1, "红花岗区|汇川区"}}},
      {"山西省", 34.9, 0.8, {{"太原市", 3, "小店区|迎泽区|杏花岭区"},
                           {"大同市", 1, "平城区|云冈区"}}},
      {"重庆市", 32.1, 1.1, {{"重庆市", 1, "渝中区|江北区|南岸区|九龙坡区|沙坪坝区|渝北区"}}},
      {"黑龙江省", 31.9, 0.8, {{"哈尔滨市", 3, "南岗区|道里区|香坊区"},
                             {"大庆市", 1, "萨尔图区|让胡路区"}}},
      {"新疆维吾尔自治区", 25.9, 0.6, {{"乌鲁木齐市", 1, "天山区|沙依巴克区|新市区"}}},
      {"甘肃省", 25.0, 0.6, {{"兰州市", 1, "城关区|七里河区|安宁区"}}},
      {"上海市", 24.9, 1.8, {{"上海市", 1, "浦东新区|徐汇区|静安区|闵行区|杨浦区|长宁区"}}},
      {"内蒙古自治区", 24.0, 0.7, {{"呼和浩特市", 2, "新城区|赛罕区|回民区"},
                                 {"包头市", 1, "昆都仑区|青山区"}}},
      {"吉林省", 24.1, 0.8, {{"长春市", 3, "朝阳区|南关区|绿园区"},
                           {"吉林市", 1, "船营区|丰满区"}}},
      {"北京市", 21.9, 1.8, {{"北京市", 1, "朝阳区|海淀区|东城区|西城区|丰台区|通州区"}}},
      {"天津市", 13.9, 1.3, {{"天津市", 1, "和平区|南开区|河西区|滨海新区"}}},
      {"海南省", 10.1, 1.0, {{"海口市", 2, "龙华区|美兰区|秀英区"}, {"三亚市", 1, "吉阳区|天涯区"}}},
      {"宁夏回族自治区", 7.2, 0.7, {{"银川市", 1, "兴庆区|金凤区|西夏区"}}},
      {"青海省", 5.9, 0.6, {{"西宁市", 1, "城中区|城西区|城东区"}}},
      {"西藏自治区", 3.6, 0.5, {{"拉萨市", 1, "城关区|堆龙德庆区"}}},
  };
  return table;
}

struct Tables {
  WeightedTable provinces;
  std::vector<WeightedTable> cities;                                   // per province
  std::vector<std::vector<std::vector<std::string_view>>> districts;  // [province][city]
};

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
    std::vector<double> weights;
    for (const auto& p : provinces()) {
      weights.push_back(p.population_m * p.online_lean);
      std::vector<double> city_weights;
      std::vector<std::vector<std::string_view>> city_districts;
      for (const auto& c : p.cities) {
        city_weights.push_back(c.weight);
        std::vector<std::string_view> names;
        std::string_view rest = c.districts;
        while (!rest.empty()) {
          const size_t bar = rest.find('|');
          names.push_back(rest.substr(0, bar));
          rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        }
        city_districts.push_back(std::move(names));
      }
      out.cities.emplace_back(city_weights);
      out.districts.push_back(std::move(city_districts));
    }
    out.provinces = WeightedTable(weights);
    return out;
  }();
  return t;
}

constexpr std::string_view kStreets[] = {
    "人民路", "中山路", "解放路", "建设路", "和平路", "新华路", "文化路", "长江路", "黄河路",
    "胜利路", "青年路", "朝阳路", "幸福路", "光明路", "迎宾大道", "学府路", "科技路", "滨江路",
    "东风路", "振兴路", "南京路", "延安路", "湖滨路", "花园路"};
constexpr std::string_view kCompounds[] = {
    "阳光花园", "翠湖苑", "金色家园", "锦绣华庭", "世纪城", "万科城", "碧桂园", "绿地小区",
    "幸福里", "香樟苑", "滨江公寓", "书香门第", "城市花园", "紫荆苑", "恒大名都", "龙湖天街"};

}  // namespace

Place pick_place(Rng& rng) {
  const Tables& t = tables();
  const size_t p = t.provinces.pick(rng);
  const size_t c = t.cities[p].pick(rng);
  const auto& districts = t.districts[p][c];
  const Province& province = provinces()[p];
  return {province.name, province.cities[c].name, districts[rng.below(districts.size())]};
}

std::string make_street_address(Rng& rng) {
  return fmt::format("{}{}号 {}{}栋{}单元{}{:02d}室", kStreets[rng.below(std::size(kStreets))],
                     rng.between(1, 399), kCompounds[rng.below(std::size(kCompounds))],
                     rng.between(1, 30), rng.between(1, 4), rng.between(1, 28),
                     rng.between(1, 4));
}

double province_weight(std::string_view province) {
  for (const auto& p : provinces()) {
    if (p.name == province) return p.population_m * p.online_lean;
  }
  return 0;
}

}  // namespace crm::demo
