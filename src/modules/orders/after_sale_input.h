// SPDX-License-Identifier: Apache-2.0
// Field readers for after-sales bodies: every error names its field (validation.*), so bad input
// is answered with 400 before anything is written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace crm::orders {

struct RequestedLine {
  int64_t order_item_id = 0;
  int64_t quantity = 0;
};

// Trimmed UTF-8 text of at most `max` characters; required when `min` > 0 (validation.required,
// validation.length, validation.type).
Result<std::string> after_sale_text(const Json& body, std::string_view field, size_t min,
                                    size_t max);
// A required (or, with `required` false, optional: 0 when absent) integer in [min, max].
Result<int64_t> after_sale_int(const Json& body, std::string_view field, int64_t min, int64_t max,
                               bool required);
// photos: at most 9 entries, each a positive integer file id, a file id string
// ([A-Za-z0-9_.-], up to 64 characters) or an http(s) URL of up to 500 characters.
Result<Json> after_sale_photos(const Json& body);
// items: [{order_item_id, quantity > 0}], each order line at most once.
Result<std::vector<RequestedLine>> after_sale_items(const Json& body);

}  // namespace crm::orders
