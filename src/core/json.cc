// SPDX-License-Identifier: Apache-2.0
#include "core/json.h"

#include <fmt/format.h>

namespace crm {

namespace {

// Nesting depth of the JSON text, ignoring brackets inside strings. Checked before parsing so a
// hostile body of a million '[' cannot exhaust the parser's stack.
int nesting_depth(std::string_view text) {
  int depth = 0;
  int max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    else if (c == ']' || c == '}') --depth;
  }
  return max_depth;
}

Error type_error(std::string_view field, std::string_view expected) {
  return invalid_input("validation.type", fmt::format("Field '{}' must be {}.", field, expected),
                       std::string(field));
}

}  // namespace

Result<Json> parse_json(std::string_view text, JsonLimits limits) {
  if (nesting_depth(text) > limits.max_depth) {
    return invalid_input("json.too_deep",
                         fmt::format("JSON nesting is deeper than {} levels.", limits.max_depth));
  }
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    return invalid_input("json.malformed",
                         fmt::format("The request body is not valid JSON (at byte {}).", e.byte));
  }
}

Result<Json> parse_json_object(std::string_view text, JsonLimits limits) {
  CRM_TRY_ASSIGN(Json value, parse_json(text, limits));
  if (!value.is_object()) {
    return invalid_input("json.not_object", "The request body must be a JSON object.");
  }
  return value;
}

Result<std::optional<std::string>> optional_string(const Json& object, std::string_view field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return type_error(field, "a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::string> required_string(const Json& object, std::string_view field) {
  CRM_TRY_ASSIGN(std::optional<std::string> value, optional_string(object, field));
  if (!value) {
    return invalid_input("validation.required", fmt::format("Field '{}' is required.", field),
                         std::string(field));
  }
  return std::move(*value);
}

Result<std::optional<int64_t>> optional_int(const Json& object, std::string_view field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::optional<int64_t>{};
  if (!it->is_number_integer()) return type_error(field, "an integer");
  return std::optional<int64_t>(it->get<int64_t>());
}

Result<int64_t> required_int(const Json& object, std::string_view field) {
  CRM_TRY_ASSIGN(std::optional<int64_t> value, optional_int(object, field));
  if (!value) {
    return invalid_input("validation.required", fmt::format("Field '{}' is required.", field),
                         std::string(field));
  }
  return *value;
}

Result<std::optional<bool>> optional_bool(const Json& object, std::string_view field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::optional<bool>{};
  if (!it->is_boolean()) return type_error(field, "true or false");
  return std::optional<bool>(it->get<bool>());
}

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace crm
