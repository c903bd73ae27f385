// SPDX-License-Identifier: Apache-2.0
// Order import throughput: generates a CSV of N historical orders (1 to 3 lines each, a quarter as
// many customers as orders, receivers with phone and address) deterministically and imports it
// through OrderImport (upload -> start -> the job handler, as the server runs it) into a fresh
// database. Prints each phase's wall time, the job's CPU time and rows/s. Then imports the same
// file again (every order skipped). Usage: see bench/orders_import/README.md.
#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/keyring.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_participants.h"
#include "modules/customers/customer_service.h"
#include "modules/messaging/messaging_service.h"
#include "modules/orders/order_env.h"
#include "modules/orders/order_import.h"
#include "modules/settings/settings_service.h"
#include "storage/job_queue.h"
#include "storage/migration_runner.h"
#include "storage/open_database.h"
#include "storage/system_migrations.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
std::span<const storage::MigrationFile> settings();
std::span<const storage::MigrationFile> customers();
std::span<const storage::MigrationFile> orders();
}  // namespace crm::migrations

namespace crm::orders {
namespace {

constexpr int64_t kNowMs = 1'795'000'000'000;  // 2026-11-18
constexpr int kProducts = 200;

const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                            "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"};
const std::vector<std::string> kGiven = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军",
                                         "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀"};
const std::vector<std::string> kPlatforms = {"tmall", "jd", "douyin", "pdd"};
struct Place {
  const char *province, *city, *district;
};
const std::vector<Place> kPlaces = {
    {"浙江省", "杭州市", "西湖区"}, {"江苏省", "南京市", "鼓楼区"}, {"广东省", "深圳市", "南山区"},
    {"北京市", "北京市", "朝阳区"}, {"上海市", "上海市", "浦东新区"}, {"四川省", "成都市", "武侯区"}};

// The CSV of `orders` orders; `rows` gets the number of data rows.
std::string generate_csv(int64_t orders, int64_t* rows) {
  std::mt19937_64 random(11);
  auto pick = [&](const auto& list) -> const auto& { return list[random() % list.size()]; };
  const int64_t customers = std::max<int64_t>(1, orders / 4);
  std::string csv =
      "external_id,platform,status,placed_at,customer_name,customer_phone,sku,quantity,"
      "unit_price_fen,line_discount_fen,shipping_fee_fen,receiver_name,receiver_phone,"
      "receiver_province,receiver_city,receiver_district,receiver_address\n";
  csv.reserve(static_cast<size_t>(orders) * 2 * 190);
  *rows = 0;
  for (int64_t i = 0; i < orders; ++i) {
    const int64_t c = static_cast<int64_t>(random() % static_cast<uint64_t>(customers));
    // A customer's name and phone follow from its number, so repeat orders match.
    const std::string name = kSurnames[c % kSurnames.size()] + kGiven[(c / 16) % kGiven.size()] +
                             kGiven[(c / 7) % kGiven.size()];
    const std::string phone = fmt::format("1{}{:09d}", 3 + c % 7, 100'000'000 + c);
    const Place& place = kPlaces[c % kPlaces.size()];
    const std::string placed = fmt::format("{}-{:02d}-{:02d}", 2024 + random() % 2,
                                           1 + random() % 12, 1 + random() % 28);
    const char* status = random() % 10 == 0 ? "cancelled" : "completed";
    const std::string& platform = pick(kPlatforms);
    const int lines = 1 + static_cast<int>(random() % 3);
    const int64_t shipping = random() % 2 ? 0 : 800;
    for (int l = 0; l < lines; ++l) {
      const int64_t price = 990 + static_cast<int64_t>(random() % 20000);
      csv += fmt::format("H{:09d},{},{},{},{},{},SKU-{:04d},{},{},{},{},{},{},{},{},{},{}路{}号\n",
                         i, platform, status, placed, name, phone, random() % kProducts,
                         1 + random() % 3, price, random() % 4 == 0 ? 100 : 0, shipping, name,
                         phone, place.province, place.city, place.district, pick(kGiven),
                         1 + c % 999);
      ++*rows;
    }
  }
  return csv;
}

// CPU seconds (user + system, all threads) of this process so far.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void usage(FILE* out, const char* argv0) {
  std::fprintf(out,
               "usage: %s --db URL [--orders N]\n"
               "  --db      sqlite:/path/new.db (the file must not exist yet) or postgresql://...\n"
               "            (an empty database)\n"
               "  --orders  orders in the generated CSV (default 1000000; ~2 rows each)\n",
               argv0);
}

int run(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines reach a log file as they are printed
  std::string url;
  int64_t order_count = 1'000'000;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      usage(stdout, argv[0]);
      return 0;
    }
    if (i + 1 >= argc) {
      usage(stderr, argv[0]);
      return 2;
    }
    if (flag == "--db") {
      url = argv[++i];
    } else if (flag == "--orders") {
      order_count = std::atoll(argv[++i]);
    } else {
      usage(stderr, argv[0]);
      return 2;
    }
  }
  if (url.empty() || order_count <= 0) {
    usage(stderr, argv[0]);
    return 2;
  }
  auto opened = storage::open_database(url);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  storage::Database& db = **opened;
  ManualClock clock(kNowMs);
  const std::vector<storage::ModuleMigrations> modules = {
      {"system", migrations::system()},       {"audit", migrations::audit()},
      {"settings", migrations::settings()},   {"customers", migrations::customers()},
      {"orders", migrations::orders()}};
  if (auto applied = storage::MigrationRunner(db, clock).apply(modules); !applied) {
    std::fprintf(stderr, "migrations: %s %s\n", applied.error().message.c_str(),
                 applied.error().detail.c_str());
    return 1;
  }
  auto seeded = db.transaction([&](storage::Connection& tx) -> Result<void> {
    for (int p = 0; p < kProducts; ++p) {
      CRM_TRY(tx.execute("INSERT INTO products (sku, name, price_fen, cost_fen, created_at_ms, "
                         "updated_at_ms) VALUES (?, ?, ?, ?, 0, 0)",
                         fmt::format("SKU-{:04d}", p), fmt::format("商品{}", p),
                         int64_t{1000 + p * 10}, int64_t{500 + p * 5}));
    }
    return {};
  });
  if (!seeded) return 1;
  const Keyring keyring = Keyring::for_test("orders-import-bench");
  const Config config;
  audit::AuditService audit(db, clock);
  customers::CustomerParticipants participants;
  customers::CustomerService customers(db, clock, keyring, audit, participants);
  storage::JobQueue jobs(db, clock);
  messaging::MessagingService messaging(config, clock, jobs);
  settings::SettingsService settings(db, clock, audit);
  StockLedger ledger(clock);
  OrderEnv env{db, clock, keyring, audit, customers, messaging, settings, jobs, ledger, {}};
  OrderImport imports(env);
  customers::Caller caller;
  caller.actor.user_id = 1;
  caller.actor.data_scope = "all";
  caller.audit.actor_id = 1;
  caller.audit.actor_name = "bench";

  auto start = std::chrono::steady_clock::now();
  int64_t rows = 0;
  const std::string csv = generate_csv(order_count, &rows);
  std::printf("generated %lld orders, %lld rows, %.1f MB in %.2f s\n",
              static_cast<long long>(order_count), static_cast<long long>(rows),
              static_cast<double>(csv.size()) / 1e6, seconds_since(start));

  for (const char* round : {"first import", "re-import (all skipped)"}) {
    start = std::chrono::steady_clock::now();
    double cpu_before = cpu_seconds();
    auto uploaded = imports.upload(caller, "bench.csv", csv);
    if (!uploaded) {
      std::fprintf(stderr, "upload: %s\n", uploaded.error().message.c_str());
      return 1;
    }
    const double upload_s = seconds_since(start);
    const double upload_cpu_s = cpu_seconds() - cpu_before;
    auto started = imports.start(caller, uploaded->id, Json{{"mapping", uploaded->suggested_mapping}});
    if (!started) {
      std::fprintf(stderr, "start: %s\n", started.error().message.c_str());
      return 1;
    }
    auto claimed = jobs.claim("bench", 1, 24 * 3'600'000);
    if (!claimed || claimed->empty()) return 1;
    start = std::chrono::steady_clock::now();
    cpu_before = cpu_seconds();
    // Long runs print the job's live progress (phase, rows done) every 60 s.
    std::mutex progress_mutex;
    std::condition_variable progress_cv;
    bool job_done = false;
    std::thread reporter([&] {
      std::unique_lock lock(progress_mutex);
      while (!progress_cv.wait_for(lock, std::chrono::seconds(60), [&] { return job_done; })) {
        auto now = imports.get(caller, uploaded->id);
        if (!now) continue;
        std::printf("%s: progress %s %lld of %lld rows, %.0f s wall, %.0f s CPU\n", round,
                    now->phase.c_str(), static_cast<long long>(now->processed),
                    static_cast<long long>(rows), seconds_since(start),
                    cpu_seconds() - cpu_before);
        std::fflush(stdout);
      }
    });
    auto ran = imports.run(claimed->front());
    {
      std::lock_guard lock(progress_mutex);
      job_done = true;
    }
    progress_cv.notify_one();
    reporter.join();
    if (!ran) {
      std::fprintf(stderr, "run: %s %s\n", ran.error().message.c_str(), ran.error().detail.c_str());
      return 1;
    }
    const double run_s = seconds_since(start);
    const double run_cpu_s = cpu_seconds() - cpu_before;
    auto done = imports.get(caller, uploaded->id);
    if (!done || done->status != "succeeded") {
      std::fprintf(stderr, "import %s: %s %s\n", done ? done->status.c_str() : "?",
                   done ? done->errors.dump().c_str() : "", done ? done->failure.c_str() : "");
      return 1;
    }
    std::printf("%s: upload (split + check + store) %.2f s wall, %.2f s CPU\n", round, upload_s,
                upload_cpu_s);
    std::printf("%s: job (check + write, one transaction) %.2f s wall, %.2f s CPU; "
                "%lld created, %lld skipped\n",
                round, run_s, run_cpu_s, static_cast<long long>(done->created),
                static_cast<long long>(done->skipped));
    const double total_s = upload_s + run_s;
    std::printf("%s: end to end %.2f s = %.0f rows/s, %.0f orders/s wall; %.0f orders per CPU "
                "second\n",
                round, total_s, static_cast<double>(rows) / total_s,
                static_cast<double>(order_count) / total_s,
                static_cast<double>(order_count) / (upload_cpu_s + run_cpu_s));
  }
  auto counted = db.read([&](storage::Connection& c) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> out;
    for (const char* table : {"orders", "order_items", "order_events", "customers"}) {
      CRM_TRY_ASSIGN(auto row, c.query_one(fmt::format("SELECT COUNT(*) FROM {}", table)));
      out.push_back(row.get_int(0));
    }
    return out;
  });
  if (!counted) return 1;
  std::printf("verify: orders %lld (expected %lld), items %lld (expected %lld), events %lld, "
              "customers %lld\n",
              static_cast<long long>((*counted)[0]), static_cast<long long>(order_count),
              static_cast<long long>((*counted)[1]), static_cast<long long>(rows),
              static_cast<long long>((*counted)[2]), static_cast<long long>((*counted)[3]));
  rusage resources{};
  getrusage(RUSAGE_SELF, &resources);
  std::printf("peak RSS: %.2f GB\n", static_cast<double>(resources.ru_maxrss) / (1024.0 * 1024.0));
  return (*counted)[0] == order_count && (*counted)[1] == rows ? 0 : 1;
}

}  // namespace
}  // namespace crm::orders

int main(int argc, char** argv) { return crm::orders::run(argc, argv); }
