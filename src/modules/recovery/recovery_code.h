// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/random.h"
#include "modules/recovery/account_directory.h"

namespace crm::recovery {

inline constexpr int64_t kCodeTtlMs = 10 * 60 * 1000;
inline constexpr int kMaxAttempts = 5;

// A uniformly random 6-digit code, zero-padded ("004217").
std::string generate_code(Random& random);
// What is stored: sha256_hex(user_id + ":" + code). Binding the user means one leaked hash
// table row cannot be replayed against another account.
std::string hash_code(int64_t user_id, std::string_view code);
// Exactly six ASCII digits.
bool is_code_format(std::string_view code);

enum class DeliveryChannel { kEmail, kSms };

struct Delivery {
  DeliveryChannel channel;
  std::string destination;  // the address or phone number
};

// Where the code goes: email when the identifier is an email, or the username and the account has
// an email; SMS when the identifier is a phone, or the account has only a phone; nullopt when the
// account has neither.
std::optional<Delivery> choose_delivery(std::string_view identifier, const AccountContact& account);

// "h***@example.cn", "138****8000": what the password_resets row keeps.
std::string mask_destination(const Delivery& delivery);

// The Chinese text followed by the English one; the only place the code appears in clear.
std::string code_message_subject();
std::string code_message_body(std::string_view code);

}  // namespace crm::recovery
