// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace crm::auth {

// Field checks for staff accounts. Each returns the normalised value or a kInvalidInput error
// naming the field. Pure.
// 3-32 of [a-z0-9_.-] after lower-casing and trimming: user.invalid_username (field username).
Result<std::string> normalize_username(std::string_view username);
// Non-empty, at most 64 characters after trimming: validation.required / validation.too_long.
Result<std::string> normalize_display_name(std::string_view name);
// Empty, or an optional '+' and 5-20 digits (spaces and '-' removed): user.invalid_phone.
Result<std::string> normalize_phone(std::string_view phone);
// Empty, or local@domain.tld of at most 254 characters, lower-cased: user.invalid_email.
Result<std::string> normalize_email(std::string_view email);
// At most 64 characters after trimming: validation.too_long (field department).
Result<std::string> normalize_department(std::string_view department);

}  // namespace crm::auth
