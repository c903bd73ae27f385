// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include "core/clock.h"
#include "http/router.h"
#include "modules/analytics/analytics_params.h"
#include "modules/analytics/analytics_reports.h"
#include "modules/analytics/analytics_state.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_service.h"
#include "storage/database.h"

// GET /api/v1/analytics/{kpis,consumption,rfm,rfm/segments/{segment}/customers,value,churn,cohorts}
// (analytics.view; ?format=csv|xlsx also needs analytics.export and is audited). See
// docs/api/analytics.md.
namespace crm::analytics {

struct AnalyticsRouteDeps {
  AnalyticsState& state;
  storage::Database& db;
  const Clock& clock;
  audit::AuditService& audit;
  customers::CustomerService& customers;
  std::function<int32_t()> churn_threshold_days;  // the setting
};

class AnalyticsRoutes {
 public:
  explicit AnalyticsRoutes(AnalyticsRouteDeps deps) : deps_(std::move(deps)) {}
  void add_to(http::Router& router);

 private:
  using Build = std::function<Result<Report>(http::Request&, const LoadedStore&, AnalyticsQuery&)>;
  // Loads the view, parses the common parameters, runs `build` and answers JSON or the file.
  Result<http::Response> run(http::Request& request, const Build& build);
  Result<http::Response> export_file(http::Request& request, const AnalyticsQuery& query, const Report& report);
  Result<Report> segment_customers(http::Request& request, const LoadedStore& loaded, AnalyticsQuery& query);

  AnalyticsRouteDeps deps_;
};

}  // namespace crm::analytics
