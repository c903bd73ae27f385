// SPDX-License-Identifier: Apache-2.0
// JSON <-> order types: field readers with field-level errors, and rendering with the receiver's
// phone and address masked unless revealed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/keyring.h"
#include "core/result.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

// A trimmed UTF-8 string of at most `max` characters at body[key]; absent or null is nullopt
// (validation.required when `required`). Errors name `field` (defaults to key).
Result<std::optional<std::string>> text_at(const Json& body, std::string_view key, size_t max,
                                           bool required, std::string_view field = {});
// An integer in [min, max] at body[key]; absent or null is nullopt (validation.required when
// `required`). Errors: validation.type, validation.range.
Result<std::optional<int64_t>> int_at(const Json& body, std::string_view key, int64_t min,
                                      int64_t max, bool required, std::string_view field = {});

enum class Masking { kMasked, kRevealed };

// The order without lines, events and tracking (list items).
Json order_summary_json(const Order& order, const Keyring& keyring, Masking masking);
// The order with items, events and tracking.
Json order_json(const Order& order, const std::vector<OrderEvent>& events,
                const std::vector<TrackingEvent>& tracking, const Keyring& keyring,
                Masking masking);
Json tracking_json(const TrackingEvent& event);
Json credit_json(const Credit& credit);
Json rule_json(const AuditRule& rule);

}  // namespace crm::orders
