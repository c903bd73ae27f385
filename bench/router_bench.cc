// SPDX-License-Identifier: Apache-2.0
// Micro-benchmarks of the per-request work that is not I/O: routing and JSON parsing.
//   make bench-micro   (or: cmake --preset bench && cmake --build --preset bench && build/bench/bench/micro_bench)
#include <benchmark/benchmark.h>

#include <string>

#include "core/json.h"
#include "http/router.h"

namespace crm {
namespace {

http::Router make_router() {
  http::Router router;
  auto ok = [](http::Request&) -> Result<http::Response> {
    return http::Response::json(http::Status::kOk, Json{{"status", "ok"}});
  };
  router.get("/healthz", std::string(http::kPublic), ok, {.run_inline = true});
  for (const char* resource : {"customers", "orders", "tickets", "campaigns", "users", "roles"}) {
    const std::string base = std::string("/api/v1/") + resource;
    router.get(base, std::string(http::kPublic), ok);
    router.post(base, std::string(http::kPublic), ok);
    router.get(base + "/{id}", std::string(http::kPublic), ok);
    router.patch(base + "/{id}", std::string(http::kPublic), ok);
    router.del(base + "/{id}", std::string(http::kPublic), ok);
  }
  return router;
}

void BM_DispatchHealthz(benchmark::State& state) {
  const http::Router router = make_router();
  for (auto _ : state) {
    http::Request request = http::Request::for_test(http::Method::kGet, "/healthz");
    auto response = router.dispatch(request);
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_DispatchHealthz);

void BM_DispatchWithPathParameter(benchmark::State& state) {
  const http::Router router = make_router();
  for (auto _ : state) {
    http::Request request = http::Request::for_test(http::Method::kGet, "/api/v1/tickets/123456");
    auto response = router.dispatch(request);
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_DispatchWithPathParameter);

void BM_ParseCustomerJson(benchmark::State& state) {
  const std::string body =
      R"({"name":"李雷","phone":"13800138000","email":"li.lei@example.com","gender":"male",)"
      R"("birthday":"1990-05-01","address":{"province":"浙江省","city":"杭州市",)"
      R"("district":"西湖区","detail":"文三路 100 号"},"tags":["VIP","复购"]})";
  for (auto _ : state) {
    auto parsed = parse_json_object(body);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_ParseCustomerJson);

}  // namespace
}  // namespace crm

BENCHMARK_MAIN();
