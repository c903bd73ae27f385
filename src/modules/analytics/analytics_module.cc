// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/analytics_module.h"

#include <vector>

#include "core/json.h"
#include "core/log.h"
#include "modules/customers/customer_events.h"

namespace crm::analytics {

namespace {

constexpr modules::PermissionInfo kPermissions[] = {
    {"analytics.view", "查看数据分析", "View analytics"},
    {"analytics.export", "导出数据分析", "Export analytics"},
};

// The events after which an order's row may differ from the store's copy.
constexpr std::string_view kOrderEvents[] = {
    "order.created", "order.approved", "order.paid",      "order.picking",   "order.packed",
    "order.shipped", "order.delivered", "order.completed", "order.cancelled", "order.closed",
    "after_sale.refunded"};

// Customer events the store follows in place (the customer's columns re-read) …
constexpr std::string_view kCustomerEvents[] = {
    customers::kCustomerCreated, customers::kCustomerUpdated, customers::kCustomerDeleted,
    customers::kCustomerRestored, customers::kCustomerAnonymised};
// … and those it follows by a rebuild: orders moved between customers, customers gone, bulk.
constexpr std::string_view kRebuildEvents[] = {
    customers::kCustomerMerged, customers::kCustomerMergeUndone, customers::kCustomerErased,
    customers::kCustomersImported, "orders.imported"};

// The integer ids under `key` (a number or an array of numbers); none when malformed.
std::vector<int64_t> ids_in(const storage::Event& event, std::string_view key) {
  const auto payload = parse_json(event.payload);
  std::vector<int64_t> ids;
  if (payload && payload->is_object() && payload->contains(key)) {
    const Json& value = (*payload)[std::string(key)];
    if (value.is_number_integer()) ids.push_back(value.get<int64_t>());
    if (value.is_array()) {
      for (const Json& id : value) {
        if (id.is_number_integer()) ids.push_back(id.get<int64_t>());
      }
    }
  }
  if (ids.empty()) log::warn("analytics.event_ignored", {{"event_id", event.id}, {"type", event.type}});
  return ids;
}

}  // namespace

AnalyticsModule::AnalyticsModule(modules::ModuleContext& context, AnalyticsDependencies deps)
    : context_(context),
      deps_(deps),
      state_(StoreLoader(context.db)),
      routes_(AnalyticsRouteDeps{state_, context.db, context.clock, deps.audit, deps.customers,
                                 [&settings = deps.settings] {
                                   return static_cast<int32_t>(settings.current().churn_threshold_days);
                                 }}) {}

AnalyticsModule::~AnalyticsModule() { state_.stop(); }

std::span<const modules::PermissionInfo> AnalyticsModule::permissions() const { return kPermissions; }

void AnalyticsModule::add_routes(http::Router& router) { routes_.add_to(router); }

void AnalyticsModule::subscribe(storage::EventBus& events, storage::Worker& /*worker*/) {
  for (std::string_view type : kOrderEvents) {
    events.subscribe(std::string(type), [this](const storage::Event& event) -> Result<void> {
      for (int64_t id : ids_in(event, "order_id")) CRM_TRY(state_.apply_order(id));
      return {};
    });
  }
  for (std::string_view type : kCustomerEvents) {
    events.subscribe(std::string(type), [this](const storage::Event& event) -> Result<void> {
      for (int64_t id : ids_in(event, "customer_id")) CRM_TRY(state_.apply_customer(id));
      return {};
    });
  }
  events.subscribe(std::string(customers::kCustomerCategoriesChanged),
                   [this](const storage::Event& event) -> Result<void> {
                     for (int64_t id : ids_in(event, "customer_ids")) CRM_TRY(state_.apply_customer(id));
                     return {};
                   });
  for (std::string_view type : kRebuildEvents) {
    events.subscribe(std::string(type), [this](const storage::Event&) -> Result<void> {
      state_.request_rebuild();
      return {};
    });
  }
}

int64_t AnalyticsModule::refresh_interval_ms() const {
  auto configured = context_.config.get_int("analytics.refresh_seconds", -1, -1, 7 * 24 * 3600);
  if (configured && *configured >= 0) return *configured * 1000;
  if (context_.db.dialect() != storage::Dialect::kPostgres) return 0;
  return int64_t{deps_.settings.current().data_cache_minutes} * 60'000;
}

Result<void> AnalyticsModule::start() {
  CRM_TRY(context_.config.get_int("analytics.refresh_seconds", -1, -1, 7 * 24 * 3600));
  state_.start([this] { return refresh_interval_ms(); });
  return {};
}

}  // namespace crm::analytics
