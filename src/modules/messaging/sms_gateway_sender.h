// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "modules/messaging/message_sender.h"

namespace crm::messaging {

inline constexpr std::string_view kDefaultSmsTemplate = R"({"to":"{{to}}","text":"{{text}}"})";

struct SmsGatewayOptions {
  std::string url;  // http(s)://gateway.example.com/send?key=… (never logged beyond its host)
  std::string body_template = std::string(kDefaultSmsTemplate);
  int64_t connect_timeout_ms = 10'000;
  int64_t timeout_ms = 30'000;
};

// Sends SMS through an HTTP gateway: POST `url` with Content-Type application/json and the body
// render_sms_body(template, to, body). A 2xx answer is success; anything else, or a network
// error, is messaging.send_failed (kUnavailable; the status in detail, never the answer's body).
// Thread-safe.
class SmsGatewaySender final : public MessageSender {
 public:
  explicit SmsGatewaySender(SmsGatewayOptions options) : options_(std::move(options)) {}
  Result<void> send(const Message& message) override;

 private:
  SmsGatewayOptions options_;
};

// The template with every {{to}} and {{text}} replaced by the JSON-escaped value, without
// quotes (the template supplies them: {"phone":"{{to}}","msg":"{{text}}"}). The result must be
// valid JSON, else messaging.invalid_template (kInternal: a configuration error).
Result<std::string> render_sms_body(std::string_view body_template, std::string_view to,
                                    std::string_view text);

}  // namespace crm::messaging
