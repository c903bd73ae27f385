// SPDX-License-Identifier: Apache-2.0
// In-process server tests on port 0 with a raw-socket HTTP/1.1 client.
#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <chrono>
#include <map>
#include <stdexcept>
#include <thread>

#include "core/text.h"

namespace crm::http {
namespace {

using namespace std::chrono_literals;

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class Client {
 public:
  explicit Client(uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }

  void send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      data.remove_prefix(static_cast<size_t>(n));
    }
  }

  std::optional<Reply> read_reply(bool head = false) {
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    Reply reply;
    const std::string head_text = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    const auto lines = split(head_text, '\n');
    reply.status = std::stoi(std::string(lines[0].substr(9, 3)));
    for (size_t i = 1; i < lines.size(); ++i) {
      const auto colon = lines[i].find(':');
      reply.headers[to_lower_ascii(lines[i].substr(0, colon))] =
          std::string(trim(lines[i].substr(colon + 1)));
    }
    const size_t length = head ? 0 : std::stoul("0" + reply.header("content-length"));
    while (buffer_.size() < length) {
      if (!fill()) return std::nullopt;
    }
    reply.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return reply;
  }

  std::optional<Reply> request(std::string_view method, std::string_view target,
                               std::string_view body = {}, std::string_view headers = {}) {
    send(std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" +
         std::string(headers) + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         std::string(body));
    return read_reply(method == "HEAD");
  }

  // True when the server closed the connection (EOF or reset) within the receive timeout.
  bool closed_by_peer() {
    char byte;
    return ::recv(fd_, &byte, 1, 0) <= 0 && errno != EAGAIN;
  }

 private:
  bool fill() {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }
  int fd_;
  bool connected_ = false;
  std::string buffer_;
};

Json error_of(const Reply& reply) { return Json::parse(reply.body)["error"]; }

class TestServer {
 public:
  explicit TestServer(ServerOptions options = {}, const StaticFiles* static_files = nullptr) {
    options.port = 0;
    options.access_log = false;
    const auto text = [](std::string body) {
      return [body](Request&) -> Result<Response> { return Response::text(Status::kOk, body); };
    };
    router_.get("/healthz", std::string(kPublic), text("ok"), RouteOptions{.run_inline = true});
    router_.post("/api/v1/echo", std::string(kPublic), [](Request& request) -> Result<Response> {
      CRM_TRY_ASSIGN(Json body, request.json_body());
      return Response::json(Status::kCreated, body);
    });
    router_.post(
        "/api/v1/upload", std::string(kPublic),
        [](Request& request) -> Result<Response> {
          return Response::json(Status::kCreated, Json{{"bytes", request.body().size()}});
        },
        RouteOptions{.max_body_bytes = 8192});
    router_.get("/api/v1/throw", std::string(kPublic),
                [](Request&) -> Result<Response> { throw std::runtime_error("kaboom"); });
    router_.get("/api/v1/slow", std::string(kPublic), [](Request&) -> Result<Response> {
      std::this_thread::sleep_for(400ms);
      return Response::text(Status::kOk, "slow done");
    });
    server_ = std::make_unique<Server>(options, router_, metrics_, static_files, clock_);
    auto address = server_->listen();
    CRM_CHECK(address.has_value());
    thread_ = std::thread([this] {
      server_->run();
      finished_ = true;
    });
  }
  ~TestServer() {
    server_->stop();
    thread_.join();
  }
  uint16_t port() const { return server_->port(); }
  Server& server() { return *server_; }
  Metrics& metrics() { return metrics_; }
  bool finished() const { return finished_; }
  void join() { thread_.join(); thread_ = std::thread([] {}); }

 private:
  Router router_;
  Metrics metrics_;
  SystemClock clock_;
  std::unique_ptr<Server> server_;
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

TEST(Server, KeepAliveServesTwoRequestsOnOneConnectionWithSecurityHeaders) {
  TestServer server;
  Client client(server.port());
  ASSERT_TRUE(client.connected());
  for (int i = 0; i < 2; ++i) {
    auto reply = client.request("GET", "/healthz");
    ASSERT_TRUE(reply) << i;
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, "ok");
    EXPECT_FALSE(reply->header("x-request-id").empty());
    EXPECT_EQ(reply->header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply->header("x-frame-options"), "DENY");
    EXPECT_EQ(reply->header("referrer-policy"), "no-referrer");
    EXPECT_EQ(reply->header("cross-origin-opener-policy"), "same-origin");
    EXPECT_NE(reply->header("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_TRUE(reply->header("strict-transport-security").empty());
  }
  auto head = client.request("HEAD", "/healthz");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->header("content-length"), "2");
  EXPECT_TRUE(head->body.empty());
  EXPECT_NE(server.metrics().render().find(
                R"(shopcrm_http_requests_total{method="GET",route="/healthz",status="200"} 2)"),
            std::string::npos);
}

TEST(Server, OversizedBodyIs413AndCloses) {
  TestServer server(ServerOptions{.max_body_bytes = 1024});
  Client client(server.port());
  auto reply = client.request("POST", "/api/v1/echo", std::string(5000, 'x'),
                              "Content-Type: application/json\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
  EXPECT_EQ(error_of(*reply)["code"], "http.body_too_large");
  EXPECT_TRUE(client.closed_by_peer());
}

TEST(Server, AnUploadRouteTakesMoreThanTheDefaultBodyLimitButNotMoreThanItsOwn) {
  TestServer server(ServerOptions{.max_body_bytes = 1024});
  Client client(server.port());
  auto reply = client.request("POST", "/api/v1/upload", std::string(5000, 'x'),
                              "Content-Type: text/csv\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 201);
  EXPECT_EQ(Json::parse(reply->body)["bytes"], 5000);
  Client other(server.port());
  auto too_big = other.request("POST", "/api/v1/upload", std::string(9000, 'x'),
                               "Content-Type: text/csv\r\n");
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413);
}

TEST(Server, OversizedHeadersAre431) {
  TestServer server(ServerOptions{.max_header_bytes = 1024});
  Client client(server.port());
  auto reply = client.request("GET", "/healthz", {}, "X-Big: " + std::string(4000, 'a') + "\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 431);
  EXPECT_EQ(error_of(*reply)["code"], "http.header_too_large");
}

TEST(Server, MalformedJsonIs400WithClearMessage) {
  TestServer server;
  Client client(server.port());
  auto reply = client.request("POST", "/api/v1/echo", "{\"a\":", "Content-Type: application/json\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_EQ(error_of(*reply)["code"], "json.malformed");
  EXPECT_NE(error_of(*reply)["message"].get<std::string>().find("not valid JSON"),
            std::string::npos);
  auto good = client.request("POST", "/api/v1/echo", "{\"a\":1}", "Content-Type: application/json\r\n");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 201);
  EXPECT_EQ(Json::parse(good->body)["a"], 1);
  EXPECT_EQ(good->header("cache-control"), "no-store");
}

TEST(Server, UnknownRouteIs404Json) {
  TestServer server;
  Client client(server.port());
  auto reply = client.request("GET", "/api/v1/nothing");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 404);
  EXPECT_EQ(reply->header("content-type"), "application/json");
  EXPECT_EQ(error_of(*reply)["code"], "http.not_found");
  EXPECT_EQ(error_of(*reply)["request_id"], reply->header("x-request-id"));
}

TEST(Server, ThrowingHandlerIs500AndServerKeepsServing) {
  TestServer server;
  Client client(server.port());
  auto reply = client.request("GET", "/api/v1/throw");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 500);
  EXPECT_EQ(error_of(*reply)["code"], "internal");
  EXPECT_EQ(error_of(*reply)["request_id"], reply->header("x-request-id"));
  EXPECT_EQ(reply->body.find("kaboom"), std::string::npos);
  auto next = client.request("GET", "/healthz", {}, "X-Request-Id: my-id_1\r\n");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->header("x-request-id"), "my-id_1");
  auto insane = client.request("GET", "/healthz", {}, "X-Request-Id: bad id!\r\n");
  EXPECT_NE(insane->header("x-request-id"), "bad id!");
}

TEST(Server, StopDrainsRequestInProgressThenRefusesConnections) {
  auto server = std::make_unique<TestServer>();
  const uint16_t port = server->port();
  Client client(port);
  client.send("GET /api/v1/slow HTTP/1.1\r\nHost: test\r\n\r\n");
  Client idle(port);
  ASSERT_TRUE(idle.connected());
  std::this_thread::sleep_for(100ms);
  server->server().stop();
  auto reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "slow done");
  EXPECT_EQ(reply->header("connection"), "close");
  EXPECT_TRUE(client.closed_by_peer());
  EXPECT_TRUE(idle.closed_by_peer());
  server->join();  // run() returned
  EXPECT_TRUE(server->finished());
  EXPECT_FALSE(Client(port).connected());
}

TEST(Server, IdleKeepAliveConnectionIsClosed) {
  TestServer server(ServerOptions{.idle_timeout_ms = 200});
  Client client(server.port());
  ASSERT_TRUE(client.request("GET", "/healthz"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_peer());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(Server, SlowClientIsCutOffByReadTimeout) {
  TestServer server(ServerOptions{.read_timeout_ms = 200});
  Client client(server.port());
  client.send("GET /healthz HTTP/1.1\r\nHo");  // and never finishes the headers
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_peer());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(Server, HandlerSlowerThanReadTimeoutStillAnswers) {
  TestServer server(ServerOptions{.read_timeout_ms = 150});
  Client client(server.port());
  auto reply = client.request("GET", "/api/v1/slow");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(client.request("GET", "/healthz")->status, 200);
}

TEST(Server, OverloadIs503WithRetryAfter) {
  TestServer server(ServerOptions{.max_concurrent_requests = 1});
  Client slow(server.port());
  slow.send("GET /api/v1/slow HTTP/1.1\r\nHost: test\r\n\r\n");
  std::this_thread::sleep_for(100ms);
  Client other(server.port());
  auto reply = other.request("GET", "/healthz");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 503);
  EXPECT_EQ(reply->header("retry-after"), "1");
  EXPECT_EQ(error_of(*reply)["code"], "http.overloaded");
  EXPECT_EQ(slow.read_reply()->status, 200);
}

TEST(Server, TlsModeAddsHsts) {
  TestServer server(ServerOptions{.behind_tls = true});
  Client client(server.port());
  EXPECT_FALSE(client.request("GET", "/healthz")->header("strict-transport-security").empty());
}

TEST(Server, ServesStaticFilesAfterRoutesAndApi404sAsJson) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("crm_server_static_" + std::to_string(::getpid()));
  fs::create_directories(root);
  std::ofstream(root / "index.html") << "<html>console</html>";
  StaticFiles files(root.string());
  TestServer server(ServerOptions{.io_threads = 2}, &files);
  Client client(server.port());
  auto index = client.request("GET", "/customers/7");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<html>console</html>");
  EXPECT_EQ(index->header("cache-control"), "no-cache");
  EXPECT_EQ(client.request("GET", "/healthz")->body, "ok");
  auto api = client.request("GET", "/api/v1/nothing");
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(error_of(*api)["code"], "http.not_found");
  EXPECT_EQ(client.request("GET", "/%2e%2e/etc/passwd")->status, 404);
  EXPECT_NE(server.metrics().render().find(R"(route="static",status="200")"), std::string::npos);
  fs::remove_all(root);
}

TEST(Server, ListenFailureIsReported) {
  Router router;
  Metrics metrics;
  SystemClock clock;
  Server server(ServerOptions{.host = "not-an-address"}, router, metrics, nullptr, clock);
  auto address = server.listen();
  ASSERT_FALSE(address);
  EXPECT_EQ(address.error().code, "http.listen_failed");
}

}  // namespace
}  // namespace crm::http
