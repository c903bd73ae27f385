// SPDX-License-Identifier: Apache-2.0
// The analytics engine alone: generates customers, orders and items in memory, then times the
// build (add + freeze), RFM, the monthly cohort matrix, consumption by month, churn and KPIs.
// Usage: see bench/analytics_engine/README.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "modules/analytics/engine/churn.h"
#include "modules/analytics/engine/column_store.h"
#include "modules/analytics/engine/consumption.h"
#include "modules/analytics/engine/kpis.h"
#include "modules/analytics/engine/rfm.h"

namespace crm::analytics {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the whole process (all threads), for runs on a busy machine.
double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Timing {
  double wall_ms = 1e300;
  double cpu_ms = 0;
};

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Resident now (/proc/self/statm), -1 where there is no /proc.
long rss_now_mb() {
  FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) return -1;
  long pages = 0, resident = 0;
  const bool read = std::fscanf(statm, "%ld %ld", &pages, &resident) == 2;
  std::fclose(statm);
  return read ? resident * sysconf(_SC_PAGESIZE) / (1024 * 1024) : -1;
}

// splitmix64: fast, deterministic.
struct Random {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t bound) { return next() % bound; }
};

constexpr std::string_view kChannels[] = {"tmall", "jd", "douyin", "pdd", "wechat"};
constexpr std::string_view kRegions[] = {"北京", "上海", "广东", "浙江", "江苏", "四川", "湖北", "山东",
                                         "河南", "福建", "湖南", "安徽", "河北", "陕西", "重庆", "辽宁"};
constexpr std::string_view kCategories[] = {"c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10",
                                            "c11", "c12", "c13", "c14", "c15", "c16", "c17", "c18", "c19", "c20"};

int64_t flag(int argc, char** argv, std::string_view name, int64_t fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::atoll(argv[i + 1]);
  }
  return fallback;
}

// The fastest of `runs` runs (wall clock) and that run's CPU time.
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

// The peak RSS column is the process's peak so far (it only grows), so a step that raises it
// shows which one sets the peak.
void print_row(const char* name, Timing t, long peak_mb) {
  std::printf("| %s | %.0f ms | %.0f ms | %ld MB |\n", name, t.wall_ms, t.cpu_ms, peak_mb);
}

int run(int argc, char** argv) {
  const int64_t customers = flag(argc, argv, "--customers", 1'000'000);
  const int64_t orders = flag(argc, argv, "--orders", 10'000'000);
  const int runs = static_cast<int>(flag(argc, argv, "--runs", 3));
  const int64_t batch = flag(argc, argv, "--batch", 250'000);  // 0: one freeze at the end
  const int32_t first_day = day_from_civil({2023, 1, 1});
  const int32_t days = 3 * 365;  // 2023-01-01 .. 2025-12-31
  Random random{2026};
  // Lines per order come from a stream of their own so a first pass can count the items: the
  // store is reserved from exact totals, as the loader does from count(*).
  const Random lines_seed{77};
  Random lines_random = lines_seed;
  int64_t expected_items = 0;
  Random counter = lines_seed;
  for (int64_t o = 0; o < orders; ++o) expected_items += 1 + static_cast<int64_t>(counter.below(3));

  ColumnStore store;
  store.reserve(static_cast<size_t>(customers), static_cast<size_t>(orders), static_cast<size_t>(expected_items));
  auto start = Clock::now();
  double cpu_start = cpu_ms();
  for (int64_t c = 1; c <= customers; ++c) {
    const auto region = kRegions[random.below(std::size(kRegions))];
    const auto channel = kChannels[random.below(std::size(kChannels))];
    if (!store.add_customer({c, first_day + static_cast<int32_t>(random.below(days)), region, channel})) return 1;
  }
  // Orders come in (day, id) order, as the loader reads them (orders_placed index), and are
  // frozen every `batch` orders so the staged rows stay small and the columns grow in place.
  int64_t items = 0;
  double freeze_wall_ms = 0, freeze_cpu_ms = 0;
  auto freeze_batch = [&]() {
    const auto freeze_start = Clock::now();
    const double freeze_cpu_start = cpu_ms();
    const bool frozen = store.freeze().has_value();
    freeze_wall_ms += ms_since(freeze_start);
    freeze_cpu_ms += cpu_ms() - freeze_cpu_start;
    return frozen;
  };
  for (int64_t o = 1; o <= orders; ++o) {
    const int32_t day = first_day + static_cast<int32_t>((o - 1) * days / orders);
    // Skewed buyers: half the orders come from the first 20% of customers.
    const int64_t customer = random.below(2) ? static_cast<int64_t>(random.below(static_cast<uint64_t>(customers / 5))) + 1
                                             : static_cast<int64_t>(random.below(static_cast<uint64_t>(customers))) + 1;
    const auto status = random.below(10) < 9 ? OrderStatus::kCompleted : OrderStatus::kCancelled;
    const int lines = 1 + static_cast<int>(lines_random.below(3));
    int64_t total = 0;
    for (int line = 0; line < lines; ++line) {
      const int32_t quantity = 1 + static_cast<int32_t>(random.below(3));
      const int64_t amount = quantity * (990 + static_cast<int64_t>(random.below(30'000)));
      total += amount;
      if (!store.add_item({o, kCategories[random.below(std::size(kCategories))], quantity, amount, amount * 6 / 10})) {
        return 1;
      }
      ++items;
    }
    const int64_t refunded = random.below(50) == 0 ? total / 2 : 0;
    if (!store.add_order({o, customer, day, status, kChannels[random.below(std::size(kChannels))],
                          kRegions[random.below(std::size(kRegions))], total, 0, refunded})) {
      return 1;
    }
    if (batch > 0 && o % batch == 0 && !freeze_batch()) return 1;
  }
  if (!freeze_batch()) return 1;
#if defined(__GLIBC__)
  malloc_trim(0);  // as StoreLoader::load_all does after the load
#endif
  const Timing freeze{freeze_wall_ms, freeze_cpu_ms};
  const Timing add{ms_since(start) - freeze.wall_ms, cpu_ms() - cpu_start - freeze.cpu_ms};
  const size_t bytes = store.bytes();
  std::printf("%lld customers, %lld orders, %lld items\n\n", static_cast<long long>(customers),
              static_cast<long long>(orders), static_cast<long long>(items));
  const long build_rss = peak_rss_mb();
  const long built_rss_now = rss_now_mb();
  std::printf("| step | wall | CPU (all threads) | peak RSS so far |\n|---|---|---|---|\n");
  print_row("add rows", add, build_rss);
  print_row("freeze (all batches)", freeze, build_rss);

  Filter all;
  all.from_day = first_day;
  all.to_day = first_day + days - 1;
  Filter year = all;
  year.from_day = day_from_civil({2025, 1, 1});
  bool ok = true;
  const Timing rfm_ms = best_of(runs, [&] { ok = ok && compute_rfm(store, all).has_value(); });
  const long rfm_rss = peak_rss_mb();
  const Timing cohort_ms = best_of(runs, [&] { ok = ok && compute_cohorts(store, all).has_value(); });
  const long cohort_rss = peak_rss_mb();
  const Timing month_ms = best_of(runs, [&] { ok = ok && compute_consumption(store, all, Period::kMonth).has_value(); });
  const long month_rss = peak_rss_mb();
  const Timing churn_ms = best_of(runs, [&] { ok = ok && compute_churn(store, year).has_value(); });
  const long churn_rss = peak_rss_mb();
  const Timing kpi_ms = best_of(runs, [&] { ok = ok && compute_kpis(store, year, 90).has_value(); });
  const long kpi_rss = peak_rss_mb();
  if (!ok) return 1;
  print_row("RFM (all customers, 3 years)", rfm_ms, rfm_rss);
  print_row("cohort matrix (36 months)", cohort_ms, cohort_rss);
  print_row("consumption by month (36 months, PoP/YoY, mixes)", month_ms, month_rss);
  print_row("churn (12 months + groups)", churn_ms, churn_rss);
  print_row("KPIs (1 year vs previous)", kpi_ms, kpi_rss);
  std::printf("\ncolumn bytes: %.1f MB = %.1f bytes per order (with its items and a share of customers)\n",
              static_cast<double>(bytes) / 1e6, static_cast<double>(bytes) / static_cast<double>(orders));
  std::printf("RSS: peak %ld MB during the build (columns + one staged batch), %ld MB resident after it, peak %ld MB "
              "at the end\n", build_rss, built_rss_now, peak_rss_mb());
  return 0;
}

}  // namespace
}  // namespace crm::analytics

int main(int argc, char** argv) { return crm::analytics::run(argc, argv); }
