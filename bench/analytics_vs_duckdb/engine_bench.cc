// SPDX-License-Identifier: Apache-2.0
// The engine side of bench/analytics_vs_duckdb (issue 7): loads the column store from the demo
// SQLite file with the module's StoreLoader, times RFM, the monthly cohort matrix and consumption
// by month (best of --runs, wall clock), then writes the three results as CSV in the same row
// format as the SQL sides (see queries/*.sql and README.md) so run.sh can compare checksums.
// Usage: analytics_vs_duckdb_engine --db sqlite:<file> --from-day N --to-day N --out DIR [--runs 5]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include <sys/resource.h>

#include "modules/analytics/engine/calendar.h"
#include "modules/analytics/engine/churn.h"
#include "modules/analytics/engine/consumption.h"
#include "modules/analytics/engine/rfm.h"
#include "modules/analytics/store_loader.h"
#include "storage/open_database.h"

namespace crm::analytics {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::string flag(int argc, char** argv, std::string_view name, std::string fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return fallback;
}

struct Timing {
  double wall_ms = 1e300;
  double cpu_ms = 0;
};

template <typename Fn>
Timing best_of(int runs, Fn fn) {
  Timing best;
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    const double cpu_start = cpu_ms();
    fn();
    const double wall = ms_since(start);
    if (wall < best.wall_ms) best = {wall, cpu_ms() - cpu_start};
  }
  return best;
}

// Month index year * 12 + month - 1 of a day: the key all four systems print for months.
int64_t month_index(int32_t day) {
  const CivilDate date = civil_from_day(day);
  return int64_t{date.year} * 12 + date.month - 1;
}

FILE* open_out(const std::string& dir, const char* name) {
  const std::string path = dir + "/" + name;
  FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) std::fprintf(stderr, "cannot write %s\n", path.c_str());
  return file;
}

// customer_id,R,F,M,r_score,f_score,m_score,fm_score ascending by customer_id.
bool write_rfm(const std::string& dir, const RfmResult& rfm) {
  FILE* out = open_out(dir, "rfm.csv");
  if (out == nullptr) return false;
  for (const RfmRow& r : rfm.customers) {
    std::fprintf(out, "%lld,%d,%lld,%lld,%d,%d,%d,%d\n", static_cast<long long>(r.customer_id), r.recency_days,
                 static_cast<long long>(r.frequency), static_cast<long long>(r.monetary_fen), r.r_score, r.f_score,
                 r.m_score, r.fm_score);
  }
  return std::fclose(out) == 0;
}

// cohort_month,k,customers for every non-empty cell, by cohort then k.
bool write_cohorts(const std::string& dir, const CohortResult& cohorts) {
  FILE* out = open_out(dir, "cohorts.csv");
  if (out == nullptr) return false;
  for (const CohortRow& c : cohorts.cohorts) {
    for (size_t k = 0; k < c.active.size(); ++k) {
      if (c.active[k] == 0) continue;
      std::fprintf(out, "%lld,%zu,%lld\n", static_cast<long long>(month_index(c.month_start)), k,
                   static_cast<long long>(c.active[k]));
    }
  }
  return std::fclose(out) == 0;
}

// month,orders,buyers,sales for every month with orders, by month.
bool write_consumption(const std::string& dir, const Consumption& consumption) {
  FILE* out = open_out(dir, "consumption.csv");
  if (out == nullptr) return false;
  for (const ConsumptionRow& p : consumption.periods) {
    if (p.current.orders == 0) continue;
    std::fprintf(out, "%lld,%lld,%lld,%lld\n", static_cast<long long>(month_index(p.start_day)),
                 static_cast<long long>(p.current.orders), static_cast<long long>(p.current.buyers),
                 static_cast<long long>(p.current.sales_fen));
  }
  return std::fclose(out) == 0;
}

int run(int argc, char** argv) {
  const std::string url = flag(argc, argv, "--db", "");
  const std::string out_dir = flag(argc, argv, "--out", "");
  const int runs = std::atoi(flag(argc, argv, "--runs", "5").c_str());
  Filter filter;
  filter.from_day = static_cast<int32_t>(std::atol(flag(argc, argv, "--from-day", "0").c_str()));
  filter.to_day = static_cast<int32_t>(std::atol(flag(argc, argv, "--to-day", "0").c_str()));
  if (url.empty() || out_dir.empty() || runs < 1 || filter.from_day > filter.to_day) {
    std::fprintf(stderr, "usage: %s --db sqlite:<file> --from-day N --to-day N --out DIR [--runs 5]\n", argv[0]);
    return 2;
  }
  auto db = storage::open_database(url);
  if (!db) {
    std::fprintf(stderr, "open %s: %s\n", url.c_str(), db.error().message.c_str());
    return 1;
  }
  const std::atomic<bool> cancel{false};
  const auto load_start = Clock::now();
  auto loaded = StoreLoader(**db).load_all(cancel);
  if (!loaded) {
    std::fprintf(stderr, "load: %s %s\n", loaded.error().message.c_str(), loaded.error().detail.c_str());
    return 1;
  }
  const double load_ms = ms_since(load_start);
  const long load_rss_mb = peak_rss_mb();
  const ColumnStore& store = (*loaded)->store;

  bool ok = true;
  Result<RfmResult> rfm = compute_rfm(store, filter);
  Result<CohortResult> cohorts = compute_cohorts(store, filter);
  Result<Consumption> months = compute_consumption(store, filter, Period::kMonth);
  const Timing rfm_t = best_of(runs, [&] { rfm = compute_rfm(store, filter); ok = ok && rfm.has_value(); });
  const Timing cohort_t = best_of(runs, [&] { cohorts = compute_cohorts(store, filter); ok = ok && cohorts.has_value(); });
  const Timing month_t = best_of(runs, [&] {
    months = compute_consumption(store, filter, Period::kMonth);
    ok = ok && months.has_value();
  });
  if (!ok || !rfm || !cohorts || !months) {
    std::fprintf(stderr, "a computation failed\n");
    return 1;
  }
  if (!write_rfm(out_dir, *rfm) || !write_cohorts(out_dir, *cohorts) || !write_consumption(out_dir, *months)) return 1;
  // Machine-readable lines for run.sh: "TIME <query> <wall ms> <cpu ms>".
  std::printf("LOAD %.1f orders=%u customers=%u bytes=%zu peak_rss_mb=%ld (load) %ld (end)\n", load_ms,
              store.order_count(), store.customer_count(), store.bytes(), load_rss_mb, peak_rss_mb());
  std::printf("TIME rfm %.3f %.3f\n", rfm_t.wall_ms, rfm_t.cpu_ms);
  std::printf("TIME cohorts %.3f %.3f\n", cohort_t.wall_ms, cohort_t.cpu_ms);
  std::printf("TIME consumption %.3f %.3f\n", month_t.wall_ms, month_t.cpu_ms);
  return 0;
}

}  // namespace
}  // namespace crm::analytics

int main(int argc, char** argv) { return crm::analytics::run(argc, argv); }
