// SPDX-License-Identifier: Apache-2.0
// What the writers share while a demo store is written: the catalogue and warehouses with their
// database ids, and per customer what its orders need (id, owner, receiver).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "demo/products.h"

namespace crm::demo {

// Associated data of the sealed receiver fields of orders (core/keyring.h). The orders module
// must open them with the same strings.
inline constexpr std::string_view kReceiverPhoneAd = "orders.receiver_phone";
inline constexpr std::string_view kReceiverAddressAd = "orders.receiver_address";

struct WrittenCustomer {
  int64_t id = 0;
  int64_t owner_id = 0;
  int64_t created_at_ms = 0;
  size_t channel = 0;
  std::string name;
  std::string province, city, district;
  // Sealed once per customer with the orders' associated data and reused by all their orders.
  std::optional<std::string> receiver_phone_cipher, receiver_address_cipher;
};

struct DemoStore {
  std::vector<DemoProduct> products;
  std::vector<int64_t> product_ids;   // database id per product
  std::vector<int64_t> category_ids;  // per product_category_names() entry
  std::vector<int64_t> warehouse_ids;  // [0] is the default warehouse
  std::vector<WrittenCustomer> customers;  // in plan order
};

}  // namespace crm::demo
