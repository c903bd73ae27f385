// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace crm::messaging {

enum class Channel { kEmail, kSms };

// "email" or "sms".
std::string_view to_string(Channel channel);
std::optional<Channel> parse_channel(std::string_view text);

// One outgoing message. `to` is an email address (kEmail) or a phone number (kSms); `subject` is
// ignored for SMS. Bodies may hold one-time codes: never log them.
struct Message {
  Channel channel = Channel::kEmail;
  std::string to;
  std::string subject;
  std::string body;
};

// Checks what every sender relies on: a non-empty recipient of at most 254 bytes without control
// characters (no header injection), valid UTF-8 everywhere, a plausible address for email.
// Error: messaging.invalid_message (kInvalidInput, field "to", "subject" or "body").
Result<void> validate(const Message& message);

// The job payload: {"channel","to","subject","body"}, and back. A payload without "channel"
// (cleared after delivery) parses to nullopt; a malformed one is messaging.invalid_payload.
Json to_json(const Message& message);
Result<std::optional<Message>> message_from_json(const Json& payload);

}  // namespace crm::messaging
