// SPDX-License-Identifier: Apache-2.0
// The demo catalogue: SKUs in 12 categories with realistic names, prices in fen, costs at 40–70%
// of the price and EAN-13 barcodes (Chinese prefix 69…).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "demo/rng.h"

namespace crm::demo {

struct DemoProduct {
  std::string sku, name, barcode;
  size_t category = 0;  // index into product_category_names()
  int64_t price_fen = 0, cost_fen = 0;
  double popularity = 1;  // relative share of order lines
};

// 服装, 鞋靴, 美妆, 食品, 母婴, 家居, 数码, 家电, 运动, 图书, 箱包, 宠物.
std::span<const std::string_view> product_category_names();

// `count` products spread over the categories; popularity follows a Zipf-like law by a random
// rank, so a few products sell most.
std::vector<DemoProduct> make_catalog(Rng& rng, int64_t count);

// The EAN-13 check digit appended to 12 digits.
std::string ean13(std::string_view twelve_digits);

}  // namespace crm::demo
