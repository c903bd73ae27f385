// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/sms_gateway_sender.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "core/json.h"
#include "core/text.h"

namespace crm::messaging {
namespace {

// A one-shot HTTP server on 127.0.0.1:<ephemeral>: accepts one connection, reads one request
// (headers + Content-Length body) and answers with `status`.
class OneRequestServer {
 public:
  explicit OneRequestServer(int status) : status_(status) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    CRM_CHECK(bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    CRM_CHECK(listen(listener_, 1) == 0);
    socklen_t length = sizeof address;
    CRM_CHECK(getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~OneRequestServer() {
    shutdown(listener_, SHUT_RDWR);
    if (thread_.joinable()) thread_.join();
    close(listener_);
  }

  std::string url(std::string_view path = "/send?key=secret") const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  // The request as received; valid after the client got its answer.
  std::string request() {
    if (thread_.joinable()) thread_.join();
    return request_;
  }
  std::string body() {
    const std::string all = request();
    const auto end = all.find("\r\n\r\n");
    return end == std::string::npos ? "" : all.substr(end + 4);
  }

 private:
  void serve() {
    const int client = accept(listener_, nullptr, nullptr);
    if (client < 0) return;
    char buffer[4096];
    size_t expected = std::string::npos;
    while (expected == std::string::npos || request_.size() < expected) {
      const ssize_t n = recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request_.append(buffer, static_cast<size_t>(n));
      const auto end = request_.find("\r\n\r\n");
      if (expected == std::string::npos && end != std::string::npos) {
        const std::string headers = to_lower_ascii(request_.substr(0, end));
        const auto at = headers.find("content-length:");
        const size_t length = at == std::string::npos ? 0 : std::stoul(headers.substr(at + 15));
        expected = end + 4 + length;
      }
    }
    const std::string answer = "HTTP/1.1 " + std::to_string(status_) +
                               " X\r\nContent-Length: 9\r\nConnection: close\r\n\r\necho 1234";
    (void)send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
    close(client);
  }

  int status_;
  int listener_ = -1;
  int port_ = 0;
  std::string request_;
  std::thread thread_;
};

TEST(SmsGatewaySender, PostsTheRenderedTemplateAsJson) {
  OneRequestServer server(200);
  SmsGatewaySender sender({.url = server.url(),
                           .body_template = R"({"phone":"{{to}}","msg":"{{text}}","sign":"店"})"});
  const std::string text = "您的 shopcrm 验证码是 123456。\n\"quoted\" {{to}}";
  auto sent = sender.send({Channel::kSms, "+8613800138000", "", text});
  ASSERT_TRUE(sent) << sent.error().detail;

  const std::string request = server.request();
  EXPECT_EQ(request.rfind("POST /send?key=secret HTTP/1.1\r\n", 0), 0u) << request;
  EXPECT_NE(to_lower_ascii(request).find("content-type: application/json"), std::string::npos);
  auto body = parse_json_object(server.body());
  ASSERT_TRUE(body) << server.body();
  EXPECT_EQ((*body)["phone"], "+8613800138000");
  EXPECT_EQ((*body)["msg"], text);  // the "{{to}}" inside the text is not substituted
  EXPECT_EQ((*body)["sign"], "店");
}

TEST(SmsGatewaySender, Non2xxIsSendFailedWithoutTheAnswerBody) {
  OneRequestServer server(500);
  SmsGatewaySender sender({.url = server.url()});
  auto sent = sender.send({Channel::kSms, "13800138000", "", "code 123456"});
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, "messaging.send_failed");
  EXPECT_EQ(sent.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(sent.error().detail.find("500"), std::string::npos);
  EXPECT_EQ(sent.error().detail.find("secret"), std::string::npos);
  EXPECT_EQ(sent.error().detail.find("echo"), std::string::npos);
  auto body = parse_json_object(server.body());  // the default template
  ASSERT_TRUE(body);
  EXPECT_EQ((*body)["to"], "13800138000");
  EXPECT_EQ((*body)["text"], "code 123456");
}

TEST(SmsGatewaySender, ConnectionRefusedIsSendFailed) {
  SmsGatewaySender sender({.url = "http://127.0.0.1:1/send"});
  EXPECT_EQ(sender.send({Channel::kSms, "1", "", "b"}).error().code, "messaging.send_failed");
}

TEST(SmsGatewaySender, TemplateMustRenderToJson) {
  auto rendered = render_sms_body(R"({"to":{{to}}})", "li lei", "x");
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().code, "messaging.invalid_template");
  EXPECT_EQ(*render_sms_body(R"({"a":"{{to}}{{to}}","b":"{{text}}"})", "1\"", "\\"),
            R"({"a":"1\"1\"","b":"\\"})");
}

}  // namespace
}  // namespace crm::messaging
