// SPDX-License-Identifier: Apache-2.0
#include "modules/recovery/recovery_code.h"

#include <fmt/format.h>

#include "core/crypto.h"
#include "core/text.h"

namespace crm::recovery {

std::string generate_code(Random& random) {
  return fmt::format("{:06d}", random.uniform(1'000'000));
}

std::string hash_code(int64_t user_id, std::string_view code) {
  return sha256_hex(fmt::format("{}:{}", user_id, code));
}

bool is_code_format(std::string_view code) {
  if (code.size() != 6) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<Delivery> choose_delivery(std::string_view identifier,
                                        const AccountContact& account) {
  const std::string id = to_lower_ascii(trim(identifier));
  const bool has_email = !account.email.empty();
  const bool has_phone = !account.phone.empty();
  const bool by_email = id.find('@') != std::string::npos;
  const bool by_username = !by_email && id == to_lower_ascii(account.username);
  const bool prefer_email = by_email || by_username;  // else the identifier is the phone
  if (prefer_email && has_email) return Delivery{DeliveryChannel::kEmail, account.email};
  if (has_phone) return Delivery{DeliveryChannel::kSms, account.phone};
  if (has_email) return Delivery{DeliveryChannel::kEmail, account.email};
  return std::nullopt;
}

std::string mask_destination(const Delivery& delivery) {
  const std::string& d = delivery.destination;
  if (delivery.channel == DeliveryChannel::kEmail) {
    const auto at = d.find('@');
    if (at == std::string::npos || at == 0) return "***";
    return d.substr(0, 1) + "***" + d.substr(at);
  }
  if (d.size() < 7) return "***";
  return d.substr(0, 3) + std::string(d.size() - 7, '*') + d.substr(d.size() - 4);
}

std::string code_message_subject() { return "shopcrm 密码找回验证码 / Password reset code"; }

std::string code_message_body(std::string_view code) {
  return fmt::format(
      "您的 shopcrm 验证码是 {0}，10 分钟内有效。如非本人操作请忽略。\n"
      "Your shopcrm verification code is {0}. It is valid for 10 minutes. "
      "If you did not request it, please ignore this message.",
      code);
}

}  // namespace crm::recovery
