// SPDX-License-Identifier: Apache-2.0
// `shopcrm demo`: migrates the database, makes the demo staff (sales1..sales3, role salesperson)
// and fills the EMPTY database with a generated store (src/demo, docs/demo.md), printing progress
// and the rates.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

#include "app/app.h"
#include "app/commands.h"
#include "core/log.h"
#include "demo/demo_generator.h"
#include "modules/audit/audit_module.h"
#include "modules/auth/auth_module.h"
#include "modules/customers/customers_module.h"

namespace crm::app {

namespace {

constexpr std::string_view kDefaultStaffPassword = "Demo-Sales-2026!";

// The ids and names of sales1..sales3, created when missing.
Result<void> ensure_staff(auth::AuthService& users, demo::DemoOptions& options,
                          std::string& password) {
  CRM_TRY(users.sync_builtin_roles());
  CRM_TRY_ASSIGN(auto roles, users.list_roles());
  std::optional<int64_t> salesperson;
  for (const auto& role : roles) {
    if (role.name == "salesperson") salesperson = role.id;
  }
  if (!salesperson) return internal_error("the built-in role salesperson is missing");
  const char* from_env = std::getenv("SHOPCRM_DEMO_PASSWORD");
  password = from_env != nullptr ? from_env : std::string(kDefaultStaffPassword);
  const char* display[] = {"销售一部·王芳", "销售二部·李强", "销售三部·张敏"};
  for (int i = 0; i < 3; ++i) {
    const std::string username = fmt::format("sales{}", i + 1);
    CRM_TRY_ASSIGN(auto found, users.list_users({.q = username, .limit = 50}));
    std::optional<auth::User> existing;
    for (auto& user : found.items) {
      if (user.username == username) existing = user;
    }
    if (!existing) {
      audit::AuditEntry actor;
      actor.actor_name = "cli:demo";
      CRM_TRY_ASSIGN(existing, users.create_user({.username = username,
                                                  .display_name = display[i],
                                                  .password = password,
                                                  .department = "销售部",
                                                  .role_ids = {*salesperson}},
                                                 actor));
    }
    options.owner_ids.push_back(existing->id);
    options.owner_names.push_back(existing->display_name);
  }
  return {};
}

}  // namespace

int demo_command(const Config& config, const DemoCommand& command) {
  demo::DemoOptions options;
  options.customers = command.customers;
  options.orders = command.orders;
  options.products = command.products;
  options.years = command.years;
  options.seed = command.seed;
  options.owner_ids = {1};  // validated before anything is written; replaced below
  options.now_ms = 1;
  if (auto valid = demo::validate(options); !valid) return fail(valid.error().message);

  auto app = App::open(config);
  if (!app) return fail(app.error().message);
  App& a = **app;
  if (auto migrated = a.migrate(); !migrated) return fail(migrated.error().message);
  options.now_ms = a.clock().now_ms();
  options.owner_ids.clear();
  if (auto empty = demo::check_empty(a.db()); !empty) {
    if (command.if_empty && empty.error().code == "demo.not_empty") {
      std::printf("the database already has data: the demo store is not loaded\n");
      return 0;
    }
    return fail(empty.error().message);
  }

  auto* auth = a.modules().find<auth::AuthModule>();
  auto* customers = a.modules().find<customers::CustomersModule>();
  auto* audit = a.modules().find<audit::AuditModule>();
  if (auth == nullptr || customers == nullptr || audit == nullptr) {
    return fail("the auth, customers and audit modules are needed for the demo");
  }
  // The first administrator comes first, exactly as `serve` makes it (printed once), so the demo's
  // staff accounts don't make the server skip it.
  if (auto started = auth->start(); !started) return fail(started.error().message);
  std::string password;
  if (auto staff = ensure_staff(auth->service(), options, password); !staff) {
    return fail(staff.error().message);
  }
  std::printf("loading the demo store into %s: %lld customers, %lld orders, %lld products over "
              "%d years (seed %llu)\n",
              a.db().describe().c_str(), static_cast<long long>(options.customers),
              static_cast<long long>(options.orders), static_cast<long long>(options.products),
              options.years, static_cast<unsigned long long>(options.seed));
  std::fflush(stdout);
  const auto progress = [](std::string_view phase, int64_t done, int64_t total) {
    std::printf("  %-12.*s %lld / %lld\n", static_cast<int>(phase.size()), phase.data(),
                static_cast<long long>(done), static_cast<long long>(total));
    std::fflush(stdout);
  };
  auto summary = demo::generate_demo(a.db(), customers->service(), audit->service(), a.keyring(),
                                     options, progress);
  if (!summary) {
    return fail(summary.error().message +
                (summary.error().detail.empty() ? "" : " (" + summary.error().detail + ")"));
  }
  const auto rate = [](int64_t rows, int64_t ms) {
    return ms > 0 ? static_cast<long long>(rows * 1000 / ms) : 0LL;
  };
  const auto& o = summary->orders;
  const int64_t order_rows = o.orders + o.items + o.events + o.after_sales;
  std::printf("done in %.1f s: %lld customers in %.1f s (%lld customers/s); %lld orders with %lld "
              "lines, %lld events and %lld after-sales in %.1f s (%lld orders/s, %lld rows/s); "
              "%lld communications\n",
              static_cast<double>(summary->total_ms) / 1000.0,
              static_cast<long long>(summary->customers),
              static_cast<double>(summary->customers_ms) / 1000.0,
              rate(summary->customers, summary->customers_ms), static_cast<long long>(o.orders),
              static_cast<long long>(o.items), static_cast<long long>(o.events),
              static_cast<long long>(o.after_sales),
              static_cast<double>(summary->orders_ms) / 1000.0, rate(o.orders, summary->orders_ms),
              rate(order_rows, summary->orders_ms),
              static_cast<long long>(summary->interactions));
  std::printf("demo staff: sales1, sales2, sales3 (role salesperson), password %s\n",
              std::getenv("SHOPCRM_DEMO_PASSWORD") != nullptr ? "from SHOPCRM_DEMO_PASSWORD"
                                                             : password.c_str());
  return 0;
}

}  // namespace crm::app
