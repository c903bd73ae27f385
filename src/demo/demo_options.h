// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::demo {

// What `shopcrm demo` generates. Everything is a function of these values: the same options
// (seed AND now_ms's merchant day) give the same store, row for row (ciphertexts aside: sealing
// uses random nonces).
struct DemoOptions {
  int64_t customers = 50'000;
  int64_t orders = 200'000;
  int64_t products = 500;
  int years = 3;
  uint64_t seed = 1;
  int64_t now_ms = 0;                // "today": orders run up to this instant
  std::vector<int64_t> owner_ids;    // staff who own the customers (at least one)
  std::vector<std::string> owner_names;  // their display names, same order
  int64_t actor_id = 0;              // written as created_by / updated_by
};

// Called after each batch: phase ("customers", "orders", …), rows done, rows in the phase.
using Progress = std::function<void(std::string_view phase, int64_t done, int64_t total)>;

}  // namespace crm::demo
