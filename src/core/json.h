// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace crm {

using Json = nlohmann::json;

struct JsonLimits {
  int max_depth = 32;
};

// Parses a request body. Malformed JSON is `json.malformed` (with the byte offset in the message),
// nesting deeper than `limits.max_depth` is `json.too_deep`, invalid UTF-8 is `json.malformed`.
Result<Json> parse_json(std::string_view text, JsonLimits limits = {});

// Parses a body that must be a JSON object (`json.not_object` otherwise).
Result<Json> parse_json_object(std::string_view text, JsonLimits limits = {});

// Field readers for validating API input. Each names the field in its error:
// a missing required field is `validation.required`, a wrong type `validation.type`.
Result<std::string> required_string(const Json& object, std::string_view field);
Result<std::optional<std::string>> optional_string(const Json& object, std::string_view field);
Result<int64_t> required_int(const Json& object, std::string_view field);
Result<std::optional<int64_t>> optional_int(const Json& object, std::string_view field);
Result<std::optional<bool>> optional_bool(const Json& object, std::string_view field);

// Serialises for the wire: invalid UTF-8 is replaced rather than thrown.
std::string dump_json(const Json& value);

}  // namespace crm
