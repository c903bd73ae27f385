// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "modules/analytics/engine/churn.h"
#include "modules/analytics/engine/consumption.h"
#include "modules/analytics/engine/kpis.h"
#include "modules/analytics/engine/rfm.h"
#include "modules/analytics/engine/value.h"
#include "modules/analytics/store_loader.h"

// Engine results as the API's JSON and as export tables (docs/api/analytics.md). Field names
// follow the engine's (money in *_fen, days as "YYYY-MM-DD", rates as ratios or null).
namespace crm::analytics {

struct Report {
  std::string name;  // file name stem, "analytics-kpis"
  Json json;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Report kpis_report(const Kpis& kpis);
Report consumption_report(const Consumption& consumption, const Seasonality& seasonality,
                          const CategoryNames& names);
Report rfm_report(const RfmResult& rfm, const std::optional<RfmRow>& customer, bool with_customer);
Report value_report(const ValueResult& value);
// by: "", "channel", "region" or "tier".
Report churn_report(const ChurnResult& churn, std::string_view by);
Report cohorts_report(const CohortResult& cohorts);

// One customer's RFM row (drill-down items and ?customer_id=).
Json rfm_row_json(const RfmRow& row);
std::vector<std::string> rfm_row_header();
std::vector<std::string> rfm_row_cells(const RfmRow& row);

// A ratio or null.
Json ratio(const std::optional<double>& value);

}  // namespace crm::analytics
