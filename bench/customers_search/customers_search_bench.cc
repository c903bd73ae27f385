// SPDX-License-Identifier: Apache-2.0
// Customer search over a million customers: seeds a database with realistic customers (once; a
// database that already has customers is reused) and times a mix of searches through
// CustomerService::list, printing p50/p95/p99 per kind. Usage: see bench/customers_search/README.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/clock.h"
#include "core/keyring.h"
#include "core/text.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_repository.h"
#include "modules/customers/customer_search.h"
#include "modules/customers/customer_service.h"
#include "storage/migration_runner.h"
#include "storage/open_database.h"
#include "storage/system_migrations.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> audit();
std::span<const storage::MigrationFile> customers();
}  // namespace crm::migrations

namespace crm::customers {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kNowMs = 1'795'000'000'000;  // 2026-11-18
constexpr int kOwners = 50;

// Surnames weighted roughly by their frequency in China (top 30 cover ~70%), plus a few rare
// and compound ones whose pinyin is special.
const std::vector<std::pair<std::string, int>> kSurnames = {
    {"王", 72}, {"李", 72}, {"张", 68}, {"刘", 52}, {"陈", 46}, {"杨", 32}, {"黄", 24}, {"赵", 22},
    {"吴", 20}, {"周", 20}, {"徐", 15}, {"孙", 15}, {"马", 13}, {"朱", 13}, {"胡", 12}, {"郭", 11},
    {"何", 10}, {"高", 9},  {"林", 9},  {"罗", 9},  {"郑", 8},  {"梁", 8},  {"谢", 7},  {"宋", 6},
    {"唐", 6},  {"许", 6},  {"韩", 5},  {"冯", 5},  {"邓", 5},  {"曹", 5},  {"彭", 4},  {"曾", 4},
    {"肖", 4},  {"田", 4},  {"董", 4},  {"袁", 4},  {"潘", 3},  {"于", 3},  {"蒋", 3},  {"蔡", 3},
    {"余", 3},  {"杜", 3},  {"叶", 3},  {"程", 3},  {"苏", 3},  {"魏", 3},  {"吕", 3},  {"丁", 3},
    {"任", 3},  {"沈", 3},  {"单", 1},  {"解", 1},  {"仇", 1},  {"欧阳", 1}, {"司马", 1}, {"诸葛", 1}};
const std::vector<std::string> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "文", "玲", "飞", "鹏", "辉", "宇", "浩",
    "婷", "雪", "琳", "晨", "欣", "怡", "佳", "子", "涵", "梓", "轩", "博", "思", "雨", "嘉", "俊",
    "凯", "昊", "然", "宁", "晓", "春", "红", "梅", "兰", "志", "国", "海", "波", "斌", "雷", "鑫"};
struct Place {
  std::string province, city;
  std::vector<std::string> districts;
};
const std::vector<Place> kPlaces = {
    {"浙江省", "杭州市", {"西湖区", "上城区", "拱墅区", "滨江区", "余杭区"}},
    {"浙江省", "宁波市", {"海曙区", "江北区", "鄞州区"}},
    {"江苏省", "南京市", {"鼓楼区", "玄武区", "秦淮区", "建邺区"}},
    {"江苏省", "苏州市", {"姑苏区", "吴中区", "相城区"}},
    {"广东省", "广州市", {"天河区", "越秀区", "海珠区", "白云区"}},
    {"广东省", "深圳市", {"南山区", "福田区", "罗湖区", "宝安区"}},
    {"北京市", "北京市", {"朝阳区", "海淀区", "东城区", "西城区"}},
    {"上海市", "上海市", {"浦东新区", "徐汇区", "静安区", "黄浦区"}},
    {"四川省", "成都市", {"武侯区", "锦江区", "青羊区"}},
    {"湖北省", "武汉市", {"武昌区", "江汉区", "洪山区"}},
    {"山东省", "青岛市", {"市南区", "市北区", "崂山区"}},
    {"福建省", "厦门市", {"思明区", "湖里区"}},
    {"河南省", "郑州市", {"金水区", "二七区"}},
    {"陕西省", "西安市", {"雁塔区", "碑林区"}},
    {"湖南省", "长沙市", {"岳麓区", "芙蓉区"}}};
const std::vector<std::string> kTags = {"VIP", "复购", "新客", "沉睡", "高价值", "投诉", "批发", "团购"};
const std::vector<std::string> kChannels = {"tmall", "jd", "douyin", "wechat", "offline", "pdd"};
constexpr int kCategories = 10;

class Seeder {
 public:
  Seeder(storage::Database& db, const Keyring& keyring) : db_(db), keyring_(keyring) {
    std::vector<int> weights;
    for (const auto& s : kSurnames) weights.push_back(s.second);
    surname_ = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  }

  Result<void> run(int64_t customers) {
    // Named results, not CRM_TRY around a lambda that uses CRM_TRY itself (-Wshadow).
    auto categories = db_.transaction([&](storage::Connection& tx) -> Result<void> {
      for (int i = 1; i <= kCategories; ++i) {
        CRM_TRY(tx.execute("INSERT INTO customer_categories (name, description, created_at_ms, "
                           "updated_at_ms) VALUES (?, '', ?, ?)",
                           fmt::format("分类{}", i), kNowMs, kNowMs));
      }
      return {};
    });
    if (!categories) return categories;
    const int64_t start_ms = kNowMs - 3 * 365 * kDayMs;
    const int64_t step_ms = (kNowMs - start_ms) / customers;
    std::map<std::string, int64_t> day_counters;
    constexpr int64_t kBatch = 20'000;
    const auto began = std::chrono::steady_clock::now();
    for (int64_t first = 0; first < customers; first += kBatch) {
      auto batch = db_.transaction([&](storage::Connection& tx) -> Result<void> {
        for (int64_t i = first; i < std::min(customers, first + kBatch); ++i) {
          const int64_t created = start_ms + i * step_ms + static_cast<int64_t>(random_() % 1000);
          CRM_TRY(insert_one(tx, i, created, day_counters));
        }
        return {};
      });
      if (!batch) return batch;
      if ((first / kBatch) % 10 == 0) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                             began).count();
        std::fprintf(stderr, "seeded %lld customers (%.0f s)\n",
                     static_cast<long long>(first + kBatch), seconds);
      }
    }
    if (db_.dialect() == storage::Dialect::kPostgres) {
      CRM_TRY(db_.read([](storage::Connection& c) { return c.execute_script("ANALYZE"); }));
    } else {
      CRM_TRY(db_.transaction([](storage::Connection& c) { return c.execute_script("ANALYZE"); }));
    }
    return {};
  }

 private:
  Result<void> insert_one(storage::Connection& tx, int64_t i, int64_t created,
                          std::map<std::string, int64_t>& day_counters) {
    StoredCustomer row;
    CustomerFields& f = row.fields;
    f.name = kSurnames[surname_(random_)].first + kGiven[random_() % kGiven.size()];
    if (random_() % 3 != 0) f.name += kGiven[random_() % kGiven.size()];
    f.gender = random_() % 2 == 0 ? "male" : "female";
    const Place& place = kPlaces[random_() % kPlaces.size()];
    f.address.province = place.province;
    f.address.city = place.city;
    f.address.district = place.districts[random_() % place.districts.size()];
    f.source_channel = kChannels[random_() % kChannels.size()];
    const int stage = static_cast<int>(random_() % 10);
    f.stage = stage < 6 ? "potential" : stage < 9 ? "transacted" : "member";
    // The same sealing as CustomerService::seal_into (associated data "customers.<field>").
    const std::string phone = phone_of(i);
    row.phone = {keyring_.seal(phone, "customers.phone"), keyring_.blind_index("phone", phone)};
    if (i % 5 < 2) {
      const std::string email = email_of(i);
      row.email = {keyring_.seal(email, "customers.email"), keyring_.blind_index("email", email)};
    }
    row.address_cipher = keyring_.seal(fmt::format("文三路{}号", i % 500), "customers.address_detail");
    fill_search_fields(row);
    std::string day = merchant_date(created);
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    row.number = fmt::format("C{}{:06d}", day, ++day_counters[day]);
    row.owner_id = 1 + static_cast<int64_t>(random_() % kOwners);
    row.created_at_ms = created;
    row.updated_at_ms = created + static_cast<int64_t>(random_() % (30 * kDayMs));
    row.created_by = row.updated_by = row.owner_id;
    CRM_TRY_ASSIGN(row.id, repository_.insert(tx, row));
    for (int t = static_cast<int>(random_() % 4) - 1; t > 0 || (t == 0 && random_() % 2); --t) {
      CRM_TRY(repository_.add_tag(tx, row.id, kTags[random_() % kTags.size()]));
    }
    if (random_() % 10 < 3) {
      CRM_TRY(tx.execute("INSERT INTO customer_category_members (category_id, customer_id) "
                         "VALUES (?, ?)",
                         1 + static_cast<int64_t>(random_() % kCategories), row.id));
    }
    return {};
  }

 public:
  static std::string phone_of(int64_t i) { return std::to_string(13'000'000'000 + i * 7); }
  static std::string email_of(int64_t i) { return fmt::format("user{}@example.com", i); }

 private:
  storage::Database& db_;
  const Keyring& keyring_;
  CustomerRepository repository_;
  std::mt19937_64 random_{20261118};
  std::discrete_distribution<size_t> surname_;
};

// CPU time of this thread in ms: on a shared, loaded machine wall time mostly measures waiting for
// a core; CPU time is the work of the query itself (reads from the OS page cache included).
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const size_t index = std::min(values.size() - 1, static_cast<size_t>(p * values.size()));
  return values[index];
}

int run(int argc, char** argv) {
  std::string url = "sqlite:customers_search_bench.db";
  int64_t customers = 1'000'000;
  int queries = 1000;
  double seconds_per_kind = 30;  // a kind this slow has missed the budget anyway
  std::string only;               // run only the kinds whose name contains this
  double slow_ms = 0;             // > 0: print each query whose CPU time exceeds this
  for (int i = 1; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--help" || i + 1 >= argc) {  // never seed a default database by accident
      std::printf("usage: %s [--db URL] [--customers N] [--queries N] [--seconds-per-kind S] "
                  "[--only TEXT] [--slow-ms MS]\nsee bench/customers_search/README.md\n",
                  argv[0]);
      return flag == "--help" ? 0 : 2;
    }
    if (flag == "--db") url = argv[i + 1];
    else if (flag == "--customers") customers = std::atoll(argv[i + 1]);
    else if (flag == "--queries") queries = std::atoi(argv[i + 1]);
    else if (flag == "--seconds-per-kind") seconds_per_kind = std::atof(argv[i + 1]);
    else if (flag == "--only") only = argv[i + 1];
    else if (flag == "--slow-ms") slow_ms = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr,
                   "usage: %s [--db URL] [--customers N] [--queries N] [--seconds-per-kind S] "
                   "[--only TEXT] [--slow-ms MS]\n",
                   argv[0]);
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
  const std::vector<storage::ModuleMigrations> modules = {
      {"system", migrations::system()},
      {"audit", migrations::audit()},
      {"customers", migrations::customers()}};
  if (auto applied = storage::MigrationRunner(db, clock).apply(modules); !applied) {
    std::fprintf(stderr, "migrations: %s %s\n", applied.error().message.c_str(),
                 applied.error().detail.c_str());
    return 1;
  }
  const Keyring keyring = Keyring::for_test("customers-search-bench");
  auto existing = db.read([](storage::Connection& c) {
    return c.query_one("SELECT COUNT(*) FROM customers");
  });
  if (!existing) return 1;
  if (existing->get_int(0) == 0) {
    Seeder seeder(db, keyring);
    if (auto seeded = seeder.run(customers); !seeded) {
      std::fprintf(stderr, "seed: %s %s\n", seeded.error().message.c_str(),
                   seeded.error().detail.c_str());
      return 1;
    }
  }
  auto total_rows = db.read([](storage::Connection& c) {
    return c.query_one("SELECT COUNT(*), MAX(id) FROM customers");
  });
  if (!total_rows) return 1;
  customers = total_rows->get_int(0);
  const int64_t max_id = total_rows->get_int(1);

  audit::AuditService audit(db, clock);
  CustomerParticipants participants;
  CustomerService service(db, clock, keyring, audit, participants);
  CustomerRepository repository;
  std::mt19937_64 random(42);

  // A random existing customer, for queries that should find something.
  auto sample = [&]() -> StoredCustomer {
    for (;;) {
      const int64_t id = 1 + static_cast<int64_t>(random() % max_id);
      auto row = db.read([&](storage::Connection& c) -> Result<std::optional<StoredCustomer>> {
        CRM_TRY_ASSIGN(auto found, repository.find(c, id));
        if (found) fill_search_fields(*found);
        return found;
      });
      if (row && *row) return **row;
    }
  };
  auto code_points = [](const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
      const auto lead = static_cast<unsigned char>(s[i]);
      const size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      out.push_back(s.substr(i, n));
      i += n;
    }
    return out;
  };

  Caller all;
  all.actor.user_id = 1;
  all.actor.data_scope = "all";
  struct Kind {
    std::string name;
    std::function<void(CustomerQuery&, Caller&, std::optional<std::string>&,
                       std::optional<std::string>&)> make;
    int pages = 1;  // >1: time the last of this many pages, followed via `after`
  };
  std::vector<Kind> kinds = {
      {"name prefix (2 chars)", [&](auto& q, auto&, auto&, auto&) {
         const auto cps = code_points(sample().fields.name);
         q.filter.q = cps[0] + cps[1];
       }},
      {"pinyin prefix", [&](auto& q, auto&, auto&, auto&) {
         q.filter.q = sample().name_pinyin.substr(0, 5);
       }},
      // The most common prefixes: "z" / "zh" match ~200,000 / ~100,000 customers (counters, 0009).
      {"pinyin prefix (1 letter)", [&](auto& q, auto&, auto&, auto&) {
         q.filter.q = sample().name_pinyin.substr(0, 1);
       }},
      {"pinyin prefix (2 letters)", [&](auto& q, auto&, auto&, auto&) {
         q.filter.q = sample().name_pinyin.substr(0, 2);
       }},
      {"initials", [&](auto& q, auto&, auto&, auto&) { q.filter.q = sample().name_initials; }},
      {"contains (given name)", [&](auto& q, auto&, auto&, auto&) {
         const auto cps = code_points(sample().fields.name);
         q.filter.q = cps.size() > 2 ? cps[1] + cps[2] : cps.back();
       }},
      {"contains (1 char)", [&](auto& q, auto&, auto&, auto&) {
         q.filter.q = code_points(sample().fields.name).back();
       }},
      {"phone exact", [&](auto&, auto&, auto& phone, auto&) {
         phone = Seeder::phone_of(static_cast<int64_t>(random() % customers));
       }},
      {"email exact", [&](auto&, auto&, auto&, auto& email) {
         email = Seeder::email_of(static_cast<int64_t>(random() % customers / 5 * 5));
       }},
      {"number prefix", [&](auto& q, auto&, auto&, auto&) {
         const std::string number = sample().number;
         q.filter.q = number.substr(0, number.size() - 2);
       }},
      {"city", [&](auto& q, auto&, auto&, auto&) { q.filter.q = sample().fields.address.city; }},
      {"tag", [&](auto& q, auto&, auto&, auto&) { q.filter.tag = kTags[random() % kTags.size()]; }},
      {"category", [&](auto& q, auto&, auto&, auto&) {
         q.filter.category_id = 1 + static_cast<int64_t>(random() % kCategories);
       }},
      {"stage + owner, own scope", [&](auto& q, auto& caller, auto&, auto&) {
         caller.actor.data_scope = "own";
         caller.actor.user_id = 1 + static_cast<int64_t>(random() % kOwners);
         q.filter.owner_id = caller.actor.user_id;
         q.filter.stage = random() % 2 ? "member" : "transacted";
       }},
      // Two filters together: no counter holds these totals, so they are counted (known slow).
      {"pinyin prefix + stage", [&](auto& q, auto&, auto&, auto&) {
         q.filter.q = sample().name_pinyin.substr(0, 5);
         q.filter.stage = random() % 2 ? "member" : "transacted";
       }},
      {"tag + stage", [&](auto& q, auto&, auto&, auto&) {
         q.filter.tag = kTags[random() % kTags.size()];
         q.filter.stage = random() % 2 ? "member" : "transacted";
       }},
      {"created range (7 days)", [&](auto& q, auto&, auto&, auto&) {
         const int64_t from = kNowMs - static_cast<int64_t>(random() % 1000) * kDayMs;
         q.filter.created_from_ms = from;
         q.filter.created_to_ms = from + 7 * kDayMs;
       }},
      {"no filter, -created_at", [&](auto&, auto&, auto&, auto&) {}},
      {"no filter, sort name", [&](auto& q, auto&, auto&, auto&) { q.sort = ListSort::kName; }},
      {"no filter, -updated_at", [&](auto& q, auto&, auto&, auto&) {
         q.sort = ListSort::kUpdatedDesc;
       }},
      {"city, page 5", [&](auto& q, auto&, auto&, auto&) {
         q.filter.q = sample().fields.address.city;
       }, 5},
      {"no filter sort name, page 5", [&](auto& q, auto&, auto&, auto&) {
         q.sort = ListSort::kName;
       }, 5},
  };
  std::printf("%s, %lld customers, %d queries per kind, page size 50\n", db.describe().c_str(),
              static_cast<long long>(customers), queries);
  std::printf("| kind | queries | p50 ms | p95 ms | p99 ms | max ms | cpu p50 ms | cpu p99 ms | "
              "avg total |\n|---|---|---|---|---|---|---|---|---|\n");
  for (const Kind& kind : kinds) {
    if (kind.name.find(only) == std::string::npos) continue;
    std::vector<double> times, cpu_times;
    double totals = 0;
    const auto kind_began = std::chrono::steady_clock::now();
    for (int n = 0; n < queries; ++n) {
      if (std::chrono::duration<double>(std::chrono::steady_clock::now() - kind_began).count() >
          seconds_per_kind) {
        break;
      }
      CustomerQuery query;
      query.limit = 50;
      Caller caller = all;
      std::optional<std::string> phone, email;
      kind.make(query, caller, phone, email);
      for (int page = 1; page <= kind.pages; ++page) {
        const auto began = std::chrono::steady_clock::now();
        const double cpu_began = thread_cpu_ms();
        auto result = service.list(caller, query, phone, email);
        const double ms = std::chrono::duration<double, std::milli>(
                              std::chrono::steady_clock::now() - began).count();
        const double cpu_ms = thread_cpu_ms() - cpu_began;
        if (!result) {
          std::fprintf(stderr, "%s: %s %s\n", kind.name.c_str(), result.error().message.c_str(),
                       result.error().detail.c_str());
          return 1;
        }
        if (slow_ms > 0 && cpu_ms > slow_ms) {
          std::fprintf(stderr, "slow: %s, q \"%s\", total %lld, page %d: %.2f ms cpu, %.2f ms\n",
                       kind.name.c_str(), query.filter.q.value_or("").c_str(),
                       static_cast<long long>(result->total), page, cpu_ms, ms);
        }
        if (page == kind.pages) {
          times.push_back(ms);
          cpu_times.push_back(cpu_ms);
          totals += static_cast<double>(result->total);
        }
        if (!result->next_after) break;
        query.after = result->next_after;
      }
    }
    if (times.empty()) continue;
    std::printf("| %s | %zu | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |\n",
                kind.name.c_str(), times.size(), percentile(times, 0.50), percentile(times, 0.95),
                percentile(times, 0.99), percentile(times, 1.0), percentile(cpu_times, 0.50),
                percentile(cpu_times, 0.99), totals / static_cast<double>(times.size()));
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace
}  // namespace crm::customers

int main(int argc, char** argv) { return crm::customers::run(argc, argv); }
