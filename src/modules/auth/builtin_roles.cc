// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/builtin_roles.h"

namespace crm::auth {

namespace {

constexpr std::string_view kSalesperson[] = {"customers.view", "customers.edit",
                                             "interactions.view", "interactions.edit",
                                             "orders.view", "products.view"};
constexpr std::string_view kCustomerService[] = {"customers.view",    "interactions.view",
                                                 "interactions.edit", "orders.view",
                                                 "products.view",     "tickets.view",
                                                 "tickets.edit"};
constexpr std::string_view kMarketer[] = {"customers.view", "campaigns.view", "campaigns.edit",
                                          "analytics.view"};
constexpr std::string_view kAnalyst[] = {"analytics.view", "analytics.export", "customers.view"};

constexpr BuiltinRole kRoles[] = {
    {"admin", "管理员", "all", {}},
    {"salesperson", "业务员", "own", kSalesperson},
    {"customer_service", "客服", "all", kCustomerService},
    {"marketer", "营销", "all", kMarketer},
    {"analyst", "分析师", "all", kAnalyst},
};

}  // namespace

std::span<const BuiltinRole> builtin_roles() { return kRoles; }

}  // namespace crm::auth
