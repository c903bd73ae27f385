// SPDX-License-Identifier: Apache-2.0
#include "modules/analytics/analytics_reports.h"

#include <fmt/format.h>

#include "core/text.h"

namespace crm::analytics {
namespace {

std::string cell(const std::optional<double>& v) { return v ? fmt::format("{:.6g}", *v) : ""; }
std::string cell(int64_t v) { return std::to_string(v); }

Json totals_json(const PeriodTotals& t) {
  return {{"orders", t.orders},           {"buyers", t.buyers},
          {"sales_fen", t.sales_fen},     {"refunded_fen", t.refunded_fen},
          {"net_sales_fen", t.net_sales_fen()}, {"items", t.items},
          {"aov_fen", ratio(t.aov_fen())}, {"frequency", ratio(t.frequency())}};
}

Json season_json(const SeasonRow& s) {
  Json out = totals_json(s.totals);
  out["days"] = s.days;
  out["avg_daily_sales_fen"] = ratio(s.avg_daily_sales_fen);
  return out;
}

Json mix_json(const std::vector<MixRow>& rows, const std::map<int64_t, std::string>* names) {
  Json out = Json::array();
  for (const auto& m : rows) {
    Json row = {{"name", m.name},         {"orders", m.orders}, {"quantity", m.quantity},
                {"sales_fen", m.sales_fen}, {"share", ratio(m.share)}};
    if (names) {
      auto id = parse_int64(m.name);
      row["category_id"] = id ? Json(*id) : Json(nullptr);
      auto found = id ? names->find(*id) : names->end();
      row["name"] = found != names->end() ? found->second : "";
    }
    out.push_back(std::move(row));
  }
  return out;
}

Json stats_json(const ChurnStats& s) {
  return {{"active_at_start", s.active_at_start}, {"churned", s.churned},
          {"returning", s.returning},             {"new_buyers", s.new_buyers},
          {"buyers", s.buyers},                   {"repeat_buyers", s.repeat_buyers},
          {"churn_rate", ratio(s.churn_rate())},  {"retention_rate", ratio(s.retention_rate())},
          {"acquisition_rate", ratio(s.acquisition_rate())},
          {"repeat_rate", ratio(s.repeat_rate())}};
}

std::vector<std::string> stats_cells(const ChurnStats& s) {
  return {cell(s.active_at_start), cell(s.churned),        cell(s.returning),
          cell(s.new_buyers),      cell(s.buyers),         cell(s.repeat_buyers),
          cell(s.churn_rate()),    cell(s.retention_rate()), cell(s.acquisition_rate()),
          cell(s.repeat_rate())};
}

}  // namespace

Json ratio(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

Report kpis_report(const Kpis& k) {
  Report r{.name = "analytics-kpis"};
  r.header = {"kpi", "value", "previous", "delta", "change"};
  Json kpis = Json::object();
  auto add = [&](std::string_view name, const Kpi& kpi) {
    kpis[std::string(name)] = {{"value", ratio(kpi.value)}, {"previous", ratio(kpi.previous)},
                               {"delta", ratio(kpi.delta)}, {"change", ratio(kpi.change)}};
    r.rows.push_back({std::string(name), cell(kpi.value), cell(kpi.previous), cell(kpi.delta), cell(kpi.change)});
  };
  add("sales_fen", k.sales_fen);
  add("orders", k.orders);
  add("buyers", k.buyers);
  add("aov_fen", k.aov_fen);
  add("new_buyers", k.new_buyers);
  add("repeat_rate", k.repeat_rate);
  add("churn_rate", k.churn_rate);
  add("refunds_fen", k.refunds_fen);
  r.json = {{"from", format_day(k.from_day)},
            {"to", format_day(k.to_day)},
            {"previous_from", format_day(k.previous_from_day)},
            {"previous_to", format_day(k.previous_to_day)},
            {"kpis", std::move(kpis)}};
  return r;
}

Report consumption_report(const Consumption& c, const Seasonality& s, const CategoryNames& names) {
  Report r{.name = "analytics-consumption"};
  r.header = {"period", "start", "end", "orders", "buyers", "sales_fen", "refunded_fen", "net_sales_fen",
              "items", "aov_fen", "frequency", "sales_pop", "sales_yoy", "orders_pop", "orders_yoy",
              "buyers_pop", "buyers_yoy"};
  Json items = Json::array();
  for (const auto& p : c.periods) {
    Json row = totals_json(p.current);
    row["period"] = p.label;
    row["start"] = format_day(p.start_day);
    row["end"] = format_day(p.end_day);
    row["previous"] = totals_json(p.previous);
    row["year_ago"] = totals_json(p.year_ago);
    row["sales_pop"] = ratio(p.sales_pop);
    row["sales_yoy"] = ratio(p.sales_yoy);
    row["orders_pop"] = ratio(p.orders_pop);
    row["orders_yoy"] = ratio(p.orders_yoy);
    row["buyers_pop"] = ratio(p.buyers_pop);
    row["buyers_yoy"] = ratio(p.buyers_yoy);
    items.push_back(std::move(row));
    const auto& t = p.current;
    r.rows.push_back({p.label, format_day(p.start_day), format_day(p.end_day), cell(t.orders), cell(t.buyers),
                      cell(t.sales_fen), cell(t.refunded_fen), cell(t.net_sales_fen()), cell(t.items),
                      cell(t.aov_fen()), cell(t.frequency()), cell(p.sales_pop), cell(p.sales_yoy),
                      cell(p.orders_pop), cell(p.orders_yoy), cell(p.buyers_pop), cell(p.buyers_yoy)});
  }
  Json weekdays = Json::array(), months = Json::array(), festivals = Json::array();
  for (size_t i = 0; i < s.weekdays.size(); ++i) {
    Json row = season_json(s.weekdays[i]);
    row["weekday"] = i + 1;
    weekdays.push_back(std::move(row));
  }
  for (size_t i = 0; i < s.months.size(); ++i) {
    Json row = season_json(s.months[i]);
    row["month"] = i + 1;
    months.push_back(std::move(row));
  }
  for (const auto& f : s.festivals) {
    Json row = season_json(f.season);
    row["festival"] = festival_name(f.festival);
    row["year"] = f.year;
    row["first_day"] = format_day(f.first_day);
    row["last_day"] = format_day(f.last_day);
    row["lift"] = ratio(f.lift);
    festivals.push_back(std::move(row));
  }
  r.json = {{"group", period_name(c.period)},
            {"from", format_day(c.from_day)},
            {"to", format_day(c.to_day)},
            {"items", std::move(items)},
            {"total", totals_json(c.total)},
            {"categories", mix_json(c.categories, &names.product)},
            {"channels", mix_json(c.channels, nullptr)},
            {"seasonality", {{"weekdays", std::move(weekdays)},
                             {"months", std::move(months)},
                             {"festivals", std::move(festivals)},
                             {"outside_festivals", season_json(s.outside_festivals)}}}};
  return r;
}

Json rfm_row_json(const RfmRow& row) {
  return {{"customer_id", row.customer_id},   {"last_order_day", format_day(row.last_day)},
          {"recency_days", row.recency_days}, {"frequency", row.frequency},
          {"monetary_fen", row.monetary_fen}, {"r_score", row.r_score},
          {"f_score", row.f_score},           {"m_score", row.m_score},
          {"fm_score", row.fm_score},         {"segment", segment_name(row.segment)}};
}

std::vector<std::string> rfm_row_header() {
  return {"customer_id", "last_order_day", "recency_days", "frequency", "monetary_fen",
          "r_score",     "f_score",        "m_score",      "fm_score",  "segment"};
}

std::vector<std::string> rfm_row_cells(const RfmRow& row) {
  return {cell(row.customer_id), format_day(row.last_day), cell(row.recency_days), cell(row.frequency),
          cell(row.monetary_fen), cell(row.r_score), cell(row.f_score), cell(row.m_score),
          cell(row.fm_score), std::string(segment_name(row.segment))};
}

Report rfm_report(const RfmResult& rfm, const std::optional<RfmRow>& customer, bool with_customer) {
  Report r{.name = "analytics-rfm"};
  Json segments = Json::array();
  r.header = {"segment", "customers", "customer_share", "monetary_fen", "monetary_share",
              "avg_recency_days", "avg_frequency", "avg_monetary_fen"};
  for (const auto& s : rfm.segments) {
    segments.push_back({{"segment", segment_name(s.segment)},
                        {"customers", s.customers},
                        {"customer_share", ratio(s.customer_share)},
                        {"monetary_fen", s.monetary_fen},
                        {"monetary_share", ratio(s.monetary_share)},
                        {"avg_recency_days", ratio(s.avg_recency_days)},
                        {"avg_frequency", ratio(s.avg_frequency)},
                        {"avg_monetary_fen", ratio(s.avg_monetary_fen)}});
    r.rows.push_back({std::string(segment_name(s.segment)), cell(s.customers), cell(s.customer_share),
                      cell(s.monetary_fen), cell(s.monetary_share), cell(s.avg_recency_days),
                      cell(s.avg_frequency), cell(s.avg_monetary_fen)});
  }
  Json grid = Json::array();
  for (const auto& row : rfm.grid) grid.push_back(Json(row));
  r.json = {{"reference", format_day(rfm.reference_day)},
            {"bins", rfm.bins},
            {"customers", rfm.customers.size()},
            {"segments", std::move(segments)},
            {"grid", std::move(grid)}};
  if (with_customer) {
    r.json["customer"] = customer ? rfm_row_json(*customer) : Json(nullptr);
    r.name = "analytics-rfm-customer";
    r.header = rfm_row_header();
    r.rows.clear();
    if (customer) r.rows.push_back(rfm_row_cells(*customer));
  }
  return r;
}

Report value_report(const ValueResult& v) {
  Report r{.name = "analytics-value"};
  r.header = {"tier", "customers", "monetary_fen", "profit_fen", "profit_share"};
  Json tiers = Json::array();
  for (const auto& t : v.tiers) {
    tiers.push_back({{"tier", tier_name(t.tier)},
                     {"customers", t.customers},
                     {"monetary_fen", t.monetary_fen},
                     {"profit_fen", t.profit_fen},
                     {"profit_share", ratio(t.profit_share)}});
    r.rows.push_back({std::string(tier_name(t.tier)), cell(t.customers), cell(t.monetary_fen),
                      cell(t.profit_fen), cell(t.profit_share)});
  }
  Json curve = Json::array();
  for (size_t i = 0; i < v.pareto_curve.size(); ++i) {
    curve.push_back({{"top_percent", (i + 1) * 10}, {"share", ratio(v.pareto_curve[i])}});
  }
  r.json = {{"customers", v.customers.size()},
            {"tiers", std::move(tiers)},
            {"total_profit_fen", v.total_profit_fen},
            {"pareto_customers", v.pareto_customers},
            {"pareto_share", ratio(v.pareto_share)},
            {"pareto_curve", std::move(curve)}};
  return r;
}

Report churn_report(const ChurnResult& c, std::string_view by) {
  Report r{.name = "analytics-churn"};
  r.header = {"row", "label", "start", "end", "active_at_start", "churned", "returning", "new_buyers",
              "buyers", "repeat_buyers", "churn_rate", "retention_rate", "acquisition_rate", "repeat_rate"};
  auto add_row = [&](std::string kind, std::string label, std::string start, std::string end,
                     const ChurnStats& s) {
    std::vector<std::string> row = {std::move(kind), std::move(label), std::move(start), std::move(end)};
    for (auto& x : stats_cells(s)) row.push_back(std::move(x));
    r.rows.push_back(std::move(row));
  };
  add_row("overall", "", "", "", c.overall);
  Json items = Json::array();
  for (const auto& p : c.periods) {
    Json row = stats_json(p.stats);
    row["period"] = p.label;
    row["start"] = format_day(p.start_day);
    row["end"] = format_day(p.end_day);
    items.push_back(std::move(row));
    add_row("period", p.label, format_day(p.start_day), format_day(p.end_day), p.stats);
  }
  r.json = {{"threshold_days", c.threshold_days}, {"overall", stats_json(c.overall)}, {"items", std::move(items)}};
  if (!by.empty()) {
    const auto& groups = by == "channel" ? c.by_channel : by == "region" ? c.by_region : c.by_tier;
    Json out = Json::array();
    for (const auto& g : groups) {
      Json row = stats_json(g.stats);
      row["key"] = g.name;
      out.push_back(std::move(row));
      add_row(std::string(by), g.name, "", "", g.stats);
    }
    r.json["by"] = by;
    r.json["groups"] = std::move(out);
  }
  return r;
}

Report cohorts_report(const CohortResult& result) {
  Report r{.name = "analytics-cohorts"};
  size_t months = 0;
  for (const auto& c : result.cohorts) months = std::max(months, c.active.size());
  r.header = {"cohort", "size"};
  for (size_t k = 0; k < months; ++k) r.header.push_back(fmt::format("month_{}", k));
  Json items = Json::array();
  for (const auto& c : result.cohorts) {
    Json retention = Json::array();
    std::vector<std::string> row = {c.label, cell(c.size)};
    for (size_t k = 0; k < c.active.size(); ++k) {
      retention.push_back(ratio(c.retention[k]));
      row.push_back(cell(c.active[k]));
    }
    row.resize(r.header.size());
    r.rows.push_back(std::move(row));
    items.push_back({{"cohort", c.label}, {"size", c.size}, {"active", Json(c.active)},
                     {"retention", std::move(retention)}});
  }
  r.json = {{"items", std::move(items)}};
  return r;
}

}  // namespace crm::analytics
