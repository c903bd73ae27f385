// SPDX-License-Identifier: Apache-2.0
// Duplicates and merge at scale: seeds a database with customers whose names, birthdays,
// districts and ID numbers collide now and then (once; a database with customers is reused),
// times DuplicateService::scan over all of them, then a bulk merge of up to 5000 open pairs.
// Usage: customers_merge_bench [--db URL] [--customers N]; results in docs/performance.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/clock.h"
#include "core/keyring.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_search.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/duplicate_service.h"
#include "modules/customers/merge_service.h"
#include "storage/job_queue.h"
#include "storage/migration_runner.h"
#include "storage/open_database.h"
#include "storage/system_migrations.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
std::span<const storage::MigrationFile> customers();
}  // namespace crm::migrations

namespace crm::customers {
namespace {

constexpr int64_t kNowMs = 1'795'000'000'000;
const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                            "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"};
const std::vector<std::string> kGiven = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军",
                                         "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
                                         "霞", "平", "刚", "桂", "英", "华", "建", "文", "玲",
                                         "飞", "鹏", "辉", "宇", "浩"};
const std::vector<std::string> kDistricts = {"西湖区", "上城区", "拱墅区", "滨江区", "余杭区",
                                             "萧山区", "临平区", "钱塘区", "富阳区", "临安区"};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Result<void> seed(storage::Database& db, int64_t customers) {
  std::mt19937_64 random(42);
  constexpr int64_t kPerTransaction = 20'000;
  for (int64_t first = 0; first < customers; first += kPerTransaction) {
    auto written = db.transaction([&](storage::Connection& tx) -> Result<void> {
      for (int64_t i = first; i < std::min(customers, first + kPerTransaction); ++i) {
        StoredCustomer row;
        row.number = fmt::format("M{:09d}", i);
        row.fields.name = kSurnames[random() % kSurnames.size()] +
                          kGiven[random() % kGiven.size()] + kGiven[random() % kGiven.size()];
        row.fields.birthday = fmt::format("19{:02d}-{:02d}-{:02d}", 50 + random() % 50,
                                          1 + random() % 12, 1 + random() % 28);
        row.fields.address = {"浙江省", "杭州市", kDistricts[random() % kDistricts.size()], {}};
        // 1 in 50 has an ID number, drawn from a pool so that some repeat.
        if (random() % 50 == 0) row.id_number.index = fmt::format("idx{}", random() % 15'000);
        fill_search_fields(row);
        CRM_TRY(tx.execute("INSERT INTO customers (number, name, name_lower, name_pinyin, "
                           "name_initials, birthday, id_number_index, province, city, district, "
                           "owner_id, created_at_ms, created_by, updated_at_ms, updated_by) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 1, ?, 1)",
                           row.number, row.fields.name, row.fields.name, row.name_pinyin,
                           row.name_initials, row.fields.birthday, row.id_number.index,
                           row.fields.address.province, row.fields.address.city,
                           row.fields.address.district, kNowMs, kNowMs));
      }
      return {};
    });
    if (!written) return written;
  }
  return {};
}

int run(int argc, char** argv) {
  std::string url = "sqlite:customers_merge_bench.db";
  int64_t customers = 1'000'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db") url = argv[i + 1];
    else if (flag == "--customers") customers = std::atoll(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s [--db URL] [--customers N]\n", argv[0]);
      return 2;
    }
  }
  auto opened = storage::open_database(url);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  storage::Database& db = **opened;
  ManualClock clock(kNowMs);
  const std::vector<storage::ModuleMigrations> modules = {{"system", migrations::system()},
                                                          {"audit", migrations::audit()},
                                                          {"customers", migrations::customers()}};
  if (auto applied = storage::MigrationRunner(db, clock).apply(modules); !applied) {
    std::fprintf(stderr, "migrations: %s\n", applied.error().message.c_str());
    return 1;
  }
  auto existing = db.read([](storage::Connection& c) {
    return c.query_one("SELECT COUNT(*) FROM customers");
  });
  if (!existing) return 1;
  if (existing->get_int(0) == 0) {
    const auto started = std::chrono::steady_clock::now();
    if (auto seeded = seed(db, customers); !seeded) {
      std::fprintf(stderr, "seed: %s %s\n", seeded.error().message.c_str(),
                   seeded.error().detail.c_str());
      return 1;
    }
    std::printf("seeded %lld customers in %.1f s\n", static_cast<long long>(customers),
                seconds_since(started));
  }

  const Keyring keyring = Keyring::for_test("customers-merge-bench");
  audit::AuditService audit(db, clock);
  CustomerParticipants participants;
  CustomerService service(db, clock, keyring, audit, participants);
  storage::JobQueue jobs(db, clock);
  DuplicateService duplicates(db, clock, jobs, audit, service);
  MergeService merges(db, clock, audit, participants);

  auto started = std::chrono::steady_clock::now();
  auto added = duplicates.scan();
  if (!added) {
    std::fprintf(stderr, "scan: %s %s\n", added.error().message.c_str(),
                 added.error().detail.c_str());
    return 1;
  }
  std::printf("| scan | %lld candidates added | %.2f s |\n", static_cast<long long>(*added),
              seconds_since(started));

  // Up to 5000 open pairs with no customer in two of them.
  auto rows = db.read([](storage::Connection& c) {
    return c.query("SELECT customer_a, customer_b FROM customer_duplicate_candidates "
                   "WHERE status = 'open' ORDER BY id");
  });
  if (!rows) return 1;
  std::vector<MergePair> pairs;
  std::set<int64_t> used;
  for (const auto& row : *rows) {
    const int64_t a = row.get_int(0), b = row.get_int(1);
    if (used.count(a) || used.count(b)) continue;
    used.insert({a, b});
    pairs.push_back({a, b});
    if (pairs.size() == MergeService::kMaxBulkPairs) break;
  }
  Caller caller;
  caller.actor.user_id = 1;
  caller.actor.data_scope = "all";
  started = std::chrono::steady_clock::now();
  auto merged = merges.bulk_merge(caller, pairs);
  if (!merged) {
    std::fprintf(stderr, "merge: %s\n", merged.error().message.c_str());
    return 1;
  }
  std::printf("| bulk merge | %zu pairs, %zu merged, %zu errors | %.2f s |\n", pairs.size(),
              merged->merge_ids.size(), merged->errors.size(), seconds_since(started));
  return merged->errors.empty() ? 0 : 1;
}

}  // namespace
}  // namespace crm::customers

int main(int argc, char** argv) { return crm::customers::run(argc, argv); }
