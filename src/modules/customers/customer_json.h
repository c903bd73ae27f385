// SPDX-License-Identifier: Apache-2.0
// JSON <-> customer types, with field-level validation and masking.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "modules/customers/customer.h"

namespace crm::customers {

// Applies the fields present in `body` onto `base` and validates them. With `creating`, "name" is
// required. `today` is the merchant day "YYYY-MM-DD" (birthdays may not be later).
// Errors (kInvalidInput, with field): validation.required, validation.type, validation.length,
// validation.enum, customer.invalid_phone, customer.invalid_email, customer.invalid_birthday,
// customer.invalid_id_number.
Result<CustomerFields> parse_fields(const Json& body, CustomerFields base, bool creating,
                                    std::string_view today);

// "+86 138-0013 8000" -> "13800138000"; nullopt unless a Chinese mobile 1[3-9]\d{9}.
std::optional<std::string> normalize_phone(std::string_view text);
// Trimmed, lower-cased; nullopt unless local@domain.tld.
std::optional<std::string> normalize_email(std::string_view text);

std::string mask_phone(std::string_view phone);          // 138****1234
std::string mask_email(std::string_view email);          // l***@example.com
std::string mask_detail(std::string_view detail);        // first 2 characters + ***
std::string mask_id_number(std::string_view id_number);  // 3301**********1234

enum class Masking { kMasked, kRevealed };
Json to_json(const Customer& customer, Masking masking);
// The editable fields as a flat JSON object for history diffs, personal values as "***".
Json redacted_fields(const CustomerFields& fields);
// {"field":{"from","to"}} for every field that differs, personal values as "***".
Json diff_fields(const CustomerFields& before, const CustomerFields& after);

std::string list_cursor(std::string_view key, int64_t id);
std::optional<std::pair<std::string, int64_t>> parse_list_cursor(std::string_view cursor);

}  // namespace crm::customers
