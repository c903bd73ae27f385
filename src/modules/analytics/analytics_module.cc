// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/analytics_module.h"

#include "core/json.h"
#include "core/log.h"

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
      const auto payload = parse_json(event.payload);
      if (!payload || !payload->is_object() || !payload->contains("order_id") ||
          !(*payload)["order_id"].is_number_integer()) {
        log::warn("analytics.event_ignored", {{"event_id", event.id}, {"type", event.type}});
        return {};
      }
      return state_.apply_order((*payload)["order_id"].get<int64_t>());
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
