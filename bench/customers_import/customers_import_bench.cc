// SPDX-License-Identifier: Apache-2.0
// Customer import throughput: generates a CSV of realistic Chinese customers and imports it
// through ImportService (upload -> start -> the job handler) into a fresh database. Prints the
// time of each phase and rows/s. Usage: see bench/customers_import/README.md.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/clock.h"
#include "core/keyring.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_participants.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/import_service.h"
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

constexpr int64_t kNowMs = 1'795'000'000'000;  // 2026-11-18

const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴",
                                            "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
                                            "林", "罗", "郑", "梁", "谢", "宋", "唐", "欧阳"};
const std::vector<std::string> kGiven = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军",
                                         "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
                                         "霞", "平", "刚", "英", "华", "建", "文", "玲", "飞",
                                         "鹏", "辉", "宇", "浩", "婷", "雪", "琳", "晨", "欣"};
struct Place {
  const char *province, *city, *district;
};
const std::vector<Place> kPlaces = {
    {"浙江省", "杭州市", "西湖区"}, {"浙江省", "宁波市", "鄞州区"}, {"江苏省", "南京市", "鼓楼区"},
    {"江苏省", "苏州市", "姑苏区"}, {"广东省", "广州市", "天河区"}, {"广东省", "深圳市", "南山区"},
    {"北京市", "北京市", "朝阳区"}, {"上海市", "上海市", "浦东新区"}, {"四川省", "成都市", "武侯区"},
    {"湖北省", "武汉市", "洪山区"}};
const std::vector<std::string> kTags = {"VIP", "复购", "新客", "沉睡", "高价值", "批发"};
const std::vector<std::string> kCategories = {"批发客户", "零售客户", "企业客户", "会员客户"};
const std::vector<std::string> kChannels = {"tmall", "jd", "douyin", "wechat", "offline"};

// Rows first .. first + rows - 1 of one numbering (phones and emails unique across it).
std::string generate_csv(int64_t first, int64_t rows) {
  std::mt19937_64 random(7 + static_cast<uint64_t>(first));
  auto pick = [&](const auto& list) -> const auto& { return list[random() % list.size()]; };
  std::string csv = "\xEF\xBB\xBF姓名,手机,邮箱,性别,生日,省份,城市,区县,详细地址,来源渠道,阶段,"
                    "标签,分类,短信营销,备注\r\n";
  csv.reserve(static_cast<size_t>(rows) * 190);
  for (int64_t i = first; i < first + rows; ++i) {
    const Place& place = pick(kPlaces);
    // Unique phones and emails: the row number spread over 1[3-9]x xxxx xxxx.
    const std::string phone = fmt::format("1{}{:09d}", 3 + i % 7, 100'000'000 + i);
    csv += fmt::format(
        "{}{}{},{},u{}@example.com,{},{}-{:02d}-{:02d},{},{},{},{}路{}号,{},{},{};{},{},{},\r\n",
        pick(kSurnames), pick(kGiven), pick(kGiven), phone, i, random() % 2 ? "男" : "女",
        1960 + random() % 45, 1 + random() % 12, 1 + random() % 28, place.province, place.city,
        place.district, pick(kGiven), random() % 500 + 1, pick(kChannels),
        random() % 3 == 0 ? "已成交" : "潜在", pick(kTags), pick(kTags), pick(kCategories),
        random() % 2 ? "是" : "否");
  }
  return csv;
}

// CPU seconds (user + system, all threads) of this process so far: on a shared machine the wall
// time depends on the neighbours, this does not.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run(int argc, char** argv) {
  // No defaults for the database: a bare run must not write a 1M-row database into the cwd.
  std::string url;
  int64_t rows = 1'000'000, existing = 0;
  auto usage = [&](FILE* out) {
    std::fprintf(out,
                 "usage: %s --db URL [--rows N] [--existing M]\n"
                 "  --db    sqlite:/path/new.db (the file must not exist yet) or postgresql://...\n"
                 "          (an empty database)\n"
                 "  --rows  rows of the generated CSV (default 1000000)\n"
                 "  --existing  first import M other customers (timed apart), then the N rows\n",
                 argv[0]);
  };
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      usage(stdout);
      return 0;
    }
    if (i + 1 >= argc) {
      usage(stderr);
      return 2;
    }
    if (flag == "--db") url = argv[++i];
    else if (flag == "--rows") rows = std::atoll(argv[++i]);
    else if (flag == "--existing") existing = std::atoll(argv[++i]);
    else {
      usage(stderr);
      return 2;
    }
  }
  if (url.empty() || rows <= 0 || existing < 0) {
    usage(stderr);
    return 2;
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
    std::fprintf(stderr, "migrations: %s %s\n", applied.error().message.c_str(),
                 applied.error().detail.c_str());
    return 1;
  }
  const Keyring keyring = Keyring::for_test("customers-import-bench");
  audit::AuditService audit(db, clock);
  CustomerParticipants participants;
  CustomerService customers(db, clock, keyring, audit, participants);
  storage::JobQueue jobs(db, clock);
  ImportService imports(db, clock, keyring, audit, jobs, customers);
  Caller caller;
  caller.actor.user_id = 1;
  caller.actor.data_scope = "all";
  caller.audit.actor_id = 1;
  caller.audit.actor_name = "bench";

  // Imports rows first .. first + count - 1 (a fresh CSV) through upload -> start -> the job.
  auto import_rows = [&](const char* label, int64_t first, int64_t count) -> int {
    auto start = std::chrono::steady_clock::now();
    const std::string csv = generate_csv(first, count);
    std::printf("%s: generated %lld rows, %.1f MB in %.2f s\n", label,
                static_cast<long long>(count), static_cast<double>(csv.size()) / 1e6,
                seconds_since(start));
    start = std::chrono::steady_clock::now();
    auto uploaded = imports.upload(caller, "bench.csv", csv);
    if (!uploaded) {
      std::fprintf(stderr, "upload: %s\n", uploaded.error().message.c_str());
      return 1;
    }
    const double upload_s = seconds_since(start);
    auto started = imports.start(
        caller, uploaded->id, Json{{"mapping", uploaded->suggested_mapping}, {"match_by", "phone"}});
    if (!started) {
      std::fprintf(stderr, "start: %s\n", started.error().message.c_str());
      return 1;
    }
    auto claimed = jobs.claim("bench", 1, 3'600'000);
    if (!claimed || claimed->empty()) return 1;
    start = std::chrono::steady_clock::now();
    const double cpu_before = cpu_seconds();
    if (auto ran = imports.run(claimed->front()); !ran) {
      std::fprintf(stderr, "run: %s %s\n", ran.error().message.c_str(), ran.error().detail.c_str());
      return 1;
    }
    const double run_s = seconds_since(start);
    const double run_cpu_s = cpu_seconds() - cpu_before;
    auto done = imports.get(caller, uploaded->id);
    if (!done || done->status != "succeeded") {
      std::fprintf(stderr, "import %s: %s\n", done ? done->status.c_str() : "?",
                   done ? done->errors.dump().c_str() : "");
      return 1;
    }
    const double n = static_cast<double>(count);
    std::printf("%s: upload (parse + store): %.2f s\n", label, upload_s);
    std::printf("%s: import job (check + write, one transaction): %.2f s, %lld created, %.0f rows/s\n",
                label, run_s, static_cast<long long>(done->created), n / run_s);
    std::printf("%s: import job CPU (user + system, all threads): %.2f s, %.0f rows per CPU second\n",
                label, run_cpu_s, n / run_cpu_s);
    std::printf("%s: end to end: %.0f rows/s\n", label, n / (upload_s + run_s));
    return 0;
  };
  // The existing customers are numbered after the file's rows (phones and emails stay unique).
  if (existing > 0) {
    if (const int failed = import_rows("existing", rows, existing)) return failed;
  }
  if (const int failed = import_rows("import", 0, rows)) return failed;
  rusage resources{};
  getrusage(RUSAGE_SELF, &resources);
  std::printf("peak RSS: %.2f GB\n", static_cast<double>(resources.ru_maxrss) / (1024.0 * 1024.0));
  return 0;
}

}  // namespace
}  // namespace crm::customers

int main(int argc, char** argv) { return crm::customers::run(argc, argv); }
