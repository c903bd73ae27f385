// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include "core/result.h"

namespace crm::auth {

inline constexpr int kMaxPasswordLength = 128;

// Checks a new password against the policy (settings password_min_length, password_classes):
// at least `min_length` and at most 128 characters (bytes), at least `classes` of the four
// classes lower, upper, digit, symbol (anything else, including non-ASCII), not containing the
// username (case-insensitive, for usernames of 3+ characters), not on the embedded list of ~200
// common passwords (case-insensitive).
// Errors: kInvalidInput auth.weak_password with `field` and a message naming the broken rule.
// Pure; thread-safe.
Result<void> check_password(std::string_view username, std::string_view password, int min_length,
                            int classes, std::string_view field = "password");

// True when `password` (case-insensitively) is on the common-password list.
bool is_common_password(std::string_view password);

}  // namespace crm::auth
