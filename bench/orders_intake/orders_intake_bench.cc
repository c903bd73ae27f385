// SPDX-License-Identifier: Apache-2.0
// Order intake through the real API: starts `shopcrm serve` on a fresh database, logs in as the
// admin, creates an API token, seeds a warehouse, products and stock through the API, then posts
// N orders (distinct external ids, 1-4 lines each) over K keep-alive connections and reports
// orders/s and latency percentiles; verifies the order count at the end. Optionally times
// POST /api/v1/orders/import of an R-row CSV. Usage: see README.md or --help.
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "server_launcher.h"

#ifndef SHOPCRM_BINARY
#define SHOPCRM_BINARY ""
#endif

namespace crm::bench {
namespace {

using nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kAdminPassword = "Shop-Owner-2026!";
constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "婷"};
constexpr const char* kPlatforms[] = {"taobao", "jd", "douyin", "pdd"};

struct Options {
  std::string db, shopcrm = SHOPCRM_BINARY;
  int64_t orders = 0, connections = 8, products = 200, import_rows = 0;
};

// Small deterministic generator (splitmix64), so runs are comparable.
struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }
};

std::string sku(int64_t i) { return fmt::format("BENCH-{:05d}", i); }
std::string phone(int64_t i) { return fmt::format("1{}{:09d}", 3 + i % 7, 200'000'000 + i); }

json order_body(int64_t i, int64_t products) {
  Rng rng{static_cast<uint64_t>(i) * 7919 + 1};
  const int64_t customer = i / 2;  // about two orders per customer: half new, half returning
  const std::string name = std::string(kSurnames[customer % 10]) + kGiven[(customer / 10) % 10];
  json items = json::array();
  const int64_t lines = 1 + rng.below(4);
  const int64_t first = rng.below(products);
  for (int64_t l = 0; l < lines; ++l) {
    items.push_back({{"sku", sku((first + l * 37) % products)},
                     {"quantity", 1 + rng.below(3)},
                     {"unit_price_fen", 990 + 100 * rng.below(200)}});
  }
  return {{"platform", kPlatforms[i % 4]},
          {"external_id", fmt::format("BENCH-{:09d}", i)},
          {"customer", {{"name", name}, {"phone", phone(customer)}}},
          {"items", items},
          {"shipping_fee_fen", rng.below(2) ? 0 : 600},
          {"receiver", {{"name", name}, {"phone", phone(customer)}, {"province", "浙江省"},
                        {"city", "杭州市"}, {"district", "西湖区"},
                        {"address", fmt::format("文三路{}号", 1 + customer % 900)}}}};
}

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t at = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)];
}

double since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

json expect(const HttpReply& reply, int status, const std::string& what) {
  if (reply.status != status) {
    throw std::runtime_error(fmt::format("{}: HTTP {} (expected {}): {}", what, reply.status,
                                         status, reply.body.substr(0, 400)));
  }
  return reply.body.empty() ? json() : json::parse(reply.body);
}

// Logs in as admin (cookie + CSRF) and creates an API token for the benchmark.
std::string create_token(HttpConnection& conn) {
  const json captcha = expect(conn.request("GET", "/api/v1/auth/captcha", "", {}), 200, "captcha");
  const json login_body{{"username", "admin"},
                        {"password", kAdminPassword},
                        {"captcha_id", captcha["id"]},
                        {"captcha", "2468"}};
  const HttpReply login = conn.request("POST", "/api/v1/auth/login", login_body.dump(),
                                       {{"Content-Type", "application/json"}});
  const json session = expect(login, 200, "login");
  const std::string cookie = login.set_cookie.substr(0, login.set_cookie.find(';'));
  const json token_body{{"name", "orders-intake-bench"},
                        {"permissions", {"orders.create", "orders.view", "products.manage",
                                         "products.view", "stock.manage"}}};
  const json token = expect(
      conn.request("POST", "/api/v1/api-tokens", token_body.dump(),
                   {{"Content-Type", "application/json"}, {"Cookie", cookie},
                    {"X-CSRF-Token", session["csrf_token"].get<std::string>()}}),
      201, "create API token");
  return token["token"];
}

void seed_catalog(HttpConnection& conn, const Headers& auth, int64_t products) {
  const json warehouse = expect(
      conn.request("POST", "/api/v1/warehouses", json{{"code", "BENCH"}, {"name", "杭州主仓"}}.dump(),
                   auth),
      201, "create warehouse");
  for (int64_t i = 0; i < products; ++i) {
    const json product{{"sku", sku(i)}, {"name", fmt::format("压测商品{}", i)},
                       {"price_fen", 990 + 100 * (i % 200)}};
    expect(conn.request("POST", "/api/v1/products", product.dump(), auth), 201, "create product");
  }
  for (int64_t from = 0; from < products; from += 500) {
    json lines = json::array();
    for (int64_t i = from; i < std::min(products, from + 500); ++i) {
      lines.push_back({{"sku", sku(i)}, {"quantity", 1'000'000'000}});
    }
    expect(conn.request("POST", "/api/v1/stock/receive",
                        json{{"warehouse_id", warehouse["id"]}, {"lines", lines},
                             {"reason", "bench opening stock"}}.dump(),
                        auth),
           200, "receive stock");
  }
}

// One CSV row per order line: about import_rows rows in orders of 1-4 lines.
std::string import_csv(int64_t rows, int64_t products, int64_t* orders) {
  std::string csv = "external_id,platform,customer_name,customer_phone,sku,quantity,"
                    "unit_price_fen,placed_at,status\n";
  Rng rng{42};
  int64_t row = 0;
  *orders = 0;
  while (row < rows) {
    const int64_t lines = std::min<int64_t>(1 + rng.below(4), rows - row);
    const int64_t customer = 5'000'000 + *orders / 2;
    const int64_t placed = 1'735'660'800'000 + *orders * 60'000;  // from 2025-01-01, a minute apart
    for (int64_t l = 0; l < lines; ++l, ++row) {
      csv += fmt::format("IMP-{:09d},tmall,{}{},{},{},{},{},{},{}\n", *orders,
                         kSurnames[customer % 10], kGiven[(customer / 10) % 10], phone(customer),
                         sku((*orders + l * 37) % products), 1 + rng.below(3),
                         990 + 100 * rng.below(200), placed, rng.below(20) ? "completed" : "cancelled");
    }
    ++*orders;
  }
  return csv;
}

int run(const Options& opt) {
  const std::string dir_template =
      (std::filesystem::temp_directory_path() / "orders-intake-bench.XXXXXX").string();
  std::vector<char> dir_buf(dir_template.begin(), dir_template.end());
  dir_buf.push_back('\0');
  if (mkdtemp(dir_buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  const std::string dir = dir_buf.data();
  struct RemoveDir {
    std::string path;
    ~RemoveDir() { std::filesystem::remove_all(path); }
  } remove_dir{dir};

  ServerLauncher server(opt.shopcrm, opt.db, dir,
                        {std::string("SHOPCRM_ADMIN_PASSWORD=") + kAdminPassword,
                         "SHOPCRM_HTTP_ACCESS_LOG=false",
                         "SHOPCRM_MESSAGING_OUTBOX_FILE=" + dir + "/outbox.log"});
  std::printf("server: 127.0.0.1:%s (%s)\n", server.port().c_str(), opt.db.c_str());
  HttpConnection setup("127.0.0.1", server.port());
  const std::string token = create_token(setup);
  const Headers auth{{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  auto start = std::chrono::steady_clock::now();
  seed_catalog(setup, auth, opt.products);
  std::printf("seed: %lld products with stock through the API in %.2f s\n",
              static_cast<long long>(opt.products), since(start));

  std::atomic<int64_t> next{0};
  std::atomic<int64_t> created{0}, failed{0};
  std::mutex mutex;
  std::vector<double> latencies;
  std::string first_error;
  const double cpu_before = server.cpu_seconds();
  start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int64_t c = 0; c < opt.connections; ++c) {
    workers.emplace_back([&] {
      HttpConnection conn("127.0.0.1", server.port());
      std::vector<double> mine;
      for (int64_t i; (i = next.fetch_add(1)) < opt.orders;) {
        const std::string body = order_body(i, opt.products).dump();
        const auto sent = std::chrono::steady_clock::now();
        HttpReply reply;
        try {
          reply = conn.request("POST", "/api/v1/orders", body, auth);
        } catch (const std::exception& e) {
          reply.body = e.what();
        }
        mine.push_back(since(sent) * 1000.0);
        if (reply.status == 201) {
          ++created;
        } else {
          ++failed;
          std::lock_guard lock(mutex);
          if (first_error.empty()) first_error = fmt::format("HTTP {}: {}", reply.status, reply.body);
        }
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (auto& worker : workers) worker.join();
  const double wall = since(start);
  const double cpu = server.cpu_seconds() - cpu_before;
  std::sort(latencies.begin(), latencies.end());
  std::printf("intake: %lld orders over %lld connections in %.2f s = %.0f orders/s; "
              "latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f; server CPU %.1f s "
              "(%.2f ms per order)\n",
              static_cast<long long>(opt.orders), static_cast<long long>(opt.connections), wall,
              static_cast<double>(created) / wall, percentile(latencies, 0.50),
              percentile(latencies, 0.90), percentile(latencies, 0.99),
              latencies.empty() ? 0.0 : latencies.back(), cpu,
              created > 0 ? cpu * 1000.0 / static_cast<double>(created) : 0.0);
  int rc = 0;
  if (failed > 0) {
    std::fprintf(stderr, "FAILED: %lld requests did not answer 201; first: %s\n",
                 static_cast<long long>(failed.load()), first_error.substr(0, 400).c_str());
    rc = 1;
  }
  const json listed =
      expect(setup.request("GET", "/api/v1/orders?limit=1", "", auth), 200, "list orders");
  const int64_t total = listed["total"];
  std::printf("verify: GET /api/v1/orders total = %lld (expected %lld) %s\n",
              static_cast<long long>(total), static_cast<long long>(opt.orders),
              total == opt.orders ? "OK" : "MISMATCH");
  if (total != opt.orders) rc = 1;

  if (opt.import_rows > 0) {
    int64_t orders = 0;
    const std::string csv = import_csv(opt.import_rows, opt.products, &orders);
    const double cpu_import = server.cpu_seconds();
    start = std::chrono::steady_clock::now();
    const HttpReply reply = setup.request("POST", "/api/v1/orders/import", csv,
                                          {{"Authorization", "Bearer " + token},
                                           {"Content-Type", "text/csv"}});
    const double seconds = since(start);
    const json report = expect(reply, 201, "import");
    std::printf("import: %lld rows (%lld orders, %.1f MB CSV) in %.2f s = %.0f rows/s, "
                "%.0f orders/s; server CPU %.1f s; answer %s\n",
                static_cast<long long>(opt.import_rows), static_cast<long long>(orders),
                static_cast<double>(csv.size()) / 1e6, seconds,
                static_cast<double>(opt.import_rows) / seconds,
                static_cast<double>(orders) / seconds, server.cpu_seconds() - cpu_import,
                report.dump().c_str());
    if (report.value("created", int64_t{-1}) != orders) rc = 1;
    const json after =
        expect(setup.request("GET", "/api/v1/orders?limit=1", "", auth), 200, "list orders");
    std::printf("verify: total after import = %lld (expected %lld)\n",
                static_cast<long long>(after["total"].get<int64_t>()),
                static_cast<long long>(opt.orders + orders));
    if (after["total"].get<int64_t>() != opt.orders + orders) rc = 1;
  }
  return rc;
}

void usage(FILE* out, const char* argv0) {
  std::fprintf(out,
               "usage: %s --db URL --orders N [--connections K] [--products P] [--import-rows R]\n"
               "          [--shopcrm PATH]\n"
               "  --db           sqlite:/path/new.db (must not exist yet) or postgresql://... "
               "(an empty database)\n"
               "  --orders       orders to post through POST /api/v1/orders (required, >= 1)\n"
               "  --connections  concurrent keep-alive connections (default 8)\n"
               "  --products     SKUs seeded through the API, with stock (default 200)\n"
               "  --import-rows  afterwards, time POST /api/v1/orders/import of an R-row CSV "
               "(1..50000; default 0 = skip)\n"
               "  --shopcrm      server binary (default: the one built with this bench:\n"
               "                 %s)\n",
               argv0, SHOPCRM_BINARY);
}

}  // namespace
}  // namespace crm::bench

int main(int argc, char** argv) {
  using crm::bench::usage;
  crm::bench::Options opt;
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
    const char* value = argv[++i];
    if (flag == "--db") opt.db = value;
    else if (flag == "--shopcrm") opt.shopcrm = value;
    else if (flag == "--orders") opt.orders = std::atoll(value);
    else if (flag == "--connections") opt.connections = std::atoll(value);
    else if (flag == "--products") opt.products = std::atoll(value);
    else if (flag == "--import-rows") opt.import_rows = std::atoll(value);
    else {
      usage(stderr, argv[0]);
      return 2;
    }
  }
  if (opt.db.empty() || opt.orders < 1 || opt.connections < 1 || opt.connections > 1024 ||
      opt.products < 1 || opt.products > 100'000 || opt.import_rows < 0 ||
      opt.import_rows > 50'000 || opt.shopcrm.empty()) {
    usage(stderr, argv[0]);
    return 2;
  }
  if (opt.db.rfind("sqlite:", 0) == 0) {  // the server runs in a temp dir: make it absolute
    opt.db = "sqlite:" + std::filesystem::absolute(opt.db.substr(7)).string();
  }
  if (opt.db.rfind("sqlite:", 0) == 0 && std::filesystem::exists(opt.db.substr(7))) {
    std::fprintf(stderr, "%s already exists: the benchmark needs a fresh database\n",
                 opt.db.substr(7).c_str());
    return 2;
  }
  try {
    return crm::bench::run(opt);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "orders_intake_bench: %s\n", e.what());
    return 1;
  }
}
