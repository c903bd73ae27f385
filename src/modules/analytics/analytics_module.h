// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include "modules/analytics/analytics_routes.h"
#include "modules/analytics/analytics_state.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_service.h"
#include "modules/module.h"
#include "modules/settings/settings_service.h"

namespace crm::analytics {

struct AnalyticsDependencies {
  audit::AuditService& audit;
  customers::CustomerService& customers;
  settings::SettingsService& settings;
};

// Customer and sales analytics (issue 7, ANA-1, ANA-2, ANA-4, ANA-5): the in-memory column store
// (engine/), loaded at start in the background and kept current from order and after-sale
// events; on PostgreSQL (where several nodes may serve one database and each sees only the
// events it dispatches) also rebuilt every data_cache_minutes. Owns no tables; reads the orders
// and customers tables as a read-only projection (see README.md).
class AnalyticsModule final : public modules::Module {
 public:
  AnalyticsModule(modules::ModuleContext& context, AnalyticsDependencies deps);
  ~AnalyticsModule() override;

  std::string_view name() const override { return "analytics"; }
  std::span<const modules::PermissionInfo> permissions() const override;
  void add_routes(http::Router& router) override;
  void subscribe(storage::EventBus& events, storage::Worker& worker) override;
  Result<void> start() override;

  AnalyticsState& state() { return state_; }
  // The periodic rebuild interval: config analytics.refresh_seconds when set (0 = off), else
  // data_cache_minutes on PostgreSQL and off on SQLite (one node).
  int64_t refresh_interval_ms() const;

 private:
  modules::ModuleContext& context_;
  AnalyticsDependencies deps_;
  AnalyticsState state_;
  AnalyticsRoutes routes_;
};

}  // namespace crm::analytics
