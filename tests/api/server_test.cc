// SPDX-License-Identifier: Apache-2.0
// The server as a whole on each database: health, readiness, metrics, limits, errors, shutdown.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "api_test.h"

namespace crm::test {
namespace {

class ServerTest : public ApiTest {};

TEST_P(ServerTest, HealthReadinessAndVersion) {
  auto server = start_server();
  ASSERT_TRUE(server);
  HttpClient client(server->base_url());

  auto health = client.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");

  auto ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.json()["database"], GetParam() == "sqlite" ? "sqlite" : "postgresql");

  auto version = client.get("/api/v1/version");
  EXPECT_EQ(version.status, 200);
  EXPECT_EQ(version.json()["name"], "shopcrm");
}

TEST_P(ServerTest, MetricsCountRequestsByRouteAndStatus) {
  auto server = start_server();
  ASSERT_TRUE(server);
  HttpClient client(server->base_url());
  client.get("/healthz");
  client.get("/api/v1/nothing-here");
  auto metrics = client.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(metrics.body.find("shopcrm_http_requests_total{"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("route=\"/healthz\""), std::string::npos);
  EXPECT_NE(metrics.body.find("status=\"404\""), std::string::npos);
  EXPECT_NE(metrics.body.find("shopcrm_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("shopcrm_db_pool_connections"), std::string::npos);
}

TEST_P(ServerTest, UnknownRouteIsJson404WithRequestId) {
  auto server = start_server();
  ASSERT_TRUE(server);
  HttpClient client(server->base_url());
  auto missing = client.get("/api/v1/no-such-thing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json()["error"]["code"], "http.not_found");
  EXPECT_FALSE(missing.header("x-request-id").empty());
  EXPECT_EQ(missing.json()["error"]["request_id"], missing.header("x-request-id"));
}

TEST_P(ServerTest, OversizedBodyGets413AndServerKeepsServing) {
  auto server = start_server({}, {{"SHOPCRM_HTTP_MAX_BODY_BYTES", "2048"}});
  ASSERT_TRUE(server);
  HttpClient client(server->base_url());
  auto big = client.request("POST", "/api/v1/anything", std::string(100000, 'x'),
                            {"Content-Type: application/json"});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.json()["error"]["code"], "http.body_too_large");
  HttpClient again(server->base_url());
  EXPECT_EQ(again.get("/healthz").status, 200);
}

TEST_P(ServerTest, SecurityHeadersOnEveryResponse) {
  auto server = start_server();
  ASSERT_TRUE(server);
  HttpClient client(server->base_url());
  for (const char* path : {"/healthz", "/api/v1/version", "/api/v1/missing"}) {
    auto response = client.get(path);
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(response.header("x-frame-options"), "DENY") << path;
    EXPECT_FALSE(response.header("content-security-policy").empty()) << path;
  }
  EXPECT_EQ(client.get("/api/v1/version").header("cache-control"), "no-store");
}

TEST_P(ServerTest, ServesTheConsoleWithSpaFallback) {
  const std::string web = db_->dir() + "/web";
  std::filesystem::create_directories(web + "/assets");
  std::ofstream(web + "/index.html") << "<!doctype html><title>shopcrm</title><div id=root></div>";
  std::ofstream(web + "/assets/app-1234.js") << "console.log('shopcrm')";
  auto server = start_server({"--web-root", web});
  ASSERT_TRUE(server);
  HttpClient client(server->base_url());

  auto index = client.get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("<title>shopcrm</title>"), std::string::npos);
  EXPECT_NE(index.header("content-type").find("text/html"), std::string::npos);
  EXPECT_EQ(index.header("cache-control"), "no-cache");

  auto deep_link = client.get("/customers/42");
  EXPECT_EQ(deep_link.status, 200);
  EXPECT_EQ(deep_link.body, index.body);

  auto asset = client.get("/assets/app-1234.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_NE(asset.header("cache-control").find("immutable"), std::string::npos);

  EXPECT_EQ(client.get("/api/v1/nope").status, 404);  // the API never falls back to the console
  EXPECT_EQ(client.get("/assets/missing.js").status, 404);
}

// Opens a connection, sends headers announcing a body, sends part of it, and returns the socket.
int start_slow_request(const std::string& address, const std::string& partial_body, size_t length) {
  const size_t colon = address.rfind(':');
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(std::stoi(address.substr(colon + 1))));
  inet_pton(AF_INET, address.substr(0, colon).c_str(), &addr.sin_addr);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return -1;
  const std::string head = "POST /api/v1/slow-upload HTTP/1.1\r\nHost: test\r\n"
                           "Content-Type: application/json\r\nContent-Length: " +
                           std::to_string(length) + "\r\n\r\n" + partial_body;
  if (write(fd, head.data(), head.size()) != static_cast<ssize_t>(head.size())) return -1;
  return fd;
}

TEST_P(ServerTest, SigtermDrainsInFlightRequests) {
  auto server = start_server();
  ASSERT_TRUE(server);
  const std::string body = R"({"a":1})";
  const int fd = start_slow_request(server->address(), body.substr(0, 3), body.size());
  ASSERT_GE(fd, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the request is in flight

  server->send_signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string rest = body.substr(3);
  ASSERT_EQ(write(fd, rest.data(), rest.size()), static_cast<ssize_t>(rest.size()));

  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) response.append(buffer, n);
  close(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 404", 0), 0u) << response;  // answered, not cut off
  EXPECT_EQ(server->wait_for_exit(), 0) << server->log();
  EXPECT_NE(server->log().find("server.stopped"), std::string::npos);
}

TEST_P(ServerTest, ReadinessFailsFastWhileDatabaseIsGoneAndRecovers) {
  if (GetParam() != "postgres") GTEST_SKIP() << "a SQLite file cannot go away underneath";
  auto server = start_server();
  ASSERT_TRUE(server);
  HttpClient client(server->base_url());
  ASSERT_EQ(client.get("/readyz").status, 200);

  db_->drop_for_test();
  const auto started = std::chrono::steady_clock::now();
  auto down = client.get("/readyz");
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_FALSE(down.header("retry-after").empty());
  EXPECT_EQ(down.json()["error"]["code"], "storage.unavailable");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(client.get("/healthz").status, 200);  // liveness does not depend on the database

  db_->recreate_for_test();
  long status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    status = client.get("/readyz").status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, 200) << "the server must recover without a restart";
}

INSTANTIATE_TEST_SUITE_P(Databases, ServerTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
