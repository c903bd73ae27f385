// SPDX-License-Identifier: Apache-2.0
// Times as text: the one ISO-8601 formatter and the one parser of time filters and time fields,
// shared by every module's routes (audit log, customers, orders, interactions, auth).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

// "2026-11-01T08:00:00.000Z" for UTC ms.
std::string format_utc(int64_t ms);

// Parses a time filter: "2026-11-01" (UTC midnight; with `end_of_day` the next midnight, so that
// to=2026-11-01 includes that whole day), "2026-11-01T08:00:00Z", "2026-11-01T08:00:00+08:00"
// (seconds and fractions optional) or plain UTC ms. nullopt when malformed.
std::optional<int64_t> parse_time(std::string_view text, bool end_of_day = false);

}  // namespace crm
