// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/message.h"

#include "core/text.h"

namespace crm::messaging {

std::string_view to_string(Channel channel) {
  return channel == Channel::kEmail ? "email" : "sms";
}

std::optional<Channel> parse_channel(std::string_view text) {
  if (text == "email") return Channel::kEmail;
  if (text == "sms") return Channel::kSms;
  return std::nullopt;
}

namespace {

Error invalid(std::string message, std::string field) {
  return invalid_input("messaging.invalid_message", std::move(message), std::move(field));
}

bool has_control_character(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

Result<void> validate(const Message& message) {
  if (message.to.empty() || message.to.size() > 254 || has_control_character(message.to) ||
      !is_valid_utf8(message.to)) {
    return invalid("The recipient is empty, too long or contains control characters.", "to");
  }
  if (message.channel == Channel::kEmail) {
    const auto at = message.to.find('@');
    if (at == 0 || at == std::string::npos || at + 1 == message.to.size() ||
        message.to.find_first_of(" <>,;\"") != std::string::npos) {
      return invalid("The recipient is not an email address.", "to");
    }
  }
  if (has_control_character(message.subject) || !is_valid_utf8(message.subject)) {
    return invalid("The subject must be one line of UTF-8 text.", "subject");
  }
  if (!is_valid_utf8(message.body)) return invalid("The body must be UTF-8 text.", "body");
  return {};
}

Json to_json(const Message& message) {
  return Json{{"channel", to_string(message.channel)},
              {"to", message.to},
              {"subject", message.subject},
              {"body", message.body}};
}

Result<std::optional<Message>> message_from_json(const Json& payload) {
  if (!payload.is_object()) {
    return internal_error("messaging.send job payload is not an object");
  }
  if (!payload.contains("channel")) return std::optional<Message>();
  const Json& channel = payload["channel"];
  std::optional<Channel> parsed = channel.is_string() ? parse_channel(channel.get<std::string>())
                                                      : std::nullopt;
  if (!parsed || !payload.value("to", Json()).is_string() ||
      !payload.value("subject", Json("")).is_string() ||
      !payload.value("body", Json("")).is_string()) {
    Error error = internal_error("messaging.send job payload is malformed");
    error.code = "messaging.invalid_payload";
    return error;
  }
  return std::optional<Message>(Message{*parsed, payload["to"].get<std::string>(),
                                        payload.value("subject", std::string()),
                                        payload.value("body", std::string())});
}

}  // namespace crm::messaging
