// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/after_sale_input.h"

#include <set>

#include <fmt/format.h>

#include "core/text.h"

namespace crm::orders {

namespace {

size_t char_count(std::string_view text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

bool is_file_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool is_web_url(std::string_view s) {
  if (s.size() > 500) return false;
  const size_t scheme = starts_with(s, "https://") ? 8 : starts_with(s, "http://") ? 7 : 0;
  if (scheme == 0 || s.size() == scheme) return false;
  for (const char c : s) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\') {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<std::string> after_sale_text(const Json& body, std::string_view field, size_t min,
                                    size_t max) {
  CRM_TRY_ASSIGN(auto value, optional_string(body, field));
  std::string text(trim(value.value_or("")));
  const std::string name(field);
  if (!is_valid_utf8(text)) return invalid_input("validation.type", name + " must be UTF-8 text.", name);
  if (text.empty() && min > 0) return invalid_input("validation.required", name + " is required.", name);
  if (char_count(text) > max) {
    return invalid_input("validation.length",
                         fmt::format("{} must be at most {} characters.", field, max), name);
  }
  return text;
}

Result<int64_t> after_sale_int(const Json& body, std::string_view field, int64_t min, int64_t max,
                               bool required) {
  const std::string name(field);
  if (!body.contains(name) || body.at(name).is_null()) {
    if (required) return invalid_input("validation.required", name + " is required.", name);
    return int64_t{0};
  }
  if (!body.at(name).is_number_integer()) {
    return invalid_input("validation.type", name + " must be an integer.", name);
  }
  const int64_t value = body.at(name).get<int64_t>();
  if (value < min || value > max) {
    return invalid_input("validation.range",
                         fmt::format("{} must be from {} to {}.", field, min, max), name);
  }
  return value;
}

Result<Json> after_sale_photos(const Json& body) {
  Json photos = Json::array();
  if (!body.contains("photos") || body.at("photos").is_null()) return photos;
  const Json& given = body.at("photos");
  if (!given.is_array()) {
    return invalid_input("validation.type", "photos must be a list of file ids or URLs.", "photos");
  }
  if (given.size() > 9) {
    return invalid_input("validation.length", "At most 9 photos can be attached.", "photos");
  }
  for (size_t k = 0; k < given.size(); ++k) {
    const Json& photo = given.at(k);
    const std::string field = fmt::format("photos[{}]", k);
    if (photo.is_number_integer() && photo.get<int64_t>() > 0) {
      photos.push_back(photo.get<int64_t>());
    } else if (photo.is_string() &&
               (is_file_id(photo.get<std::string>()) || is_web_url(photo.get<std::string>()))) {
      photos.push_back(photo.get<std::string>());
    } else {
      return invalid_input("validation.photo",
                           field + " must be a file id or an http(s) URL of up to 500 characters.",
                           field);
    }
  }
  return photos;
}

Result<std::vector<RequestedLine>> after_sale_items(const Json& body) {
  std::vector<RequestedLine> lines;
  if (!body.contains("items") || body.at("items").is_null()) return lines;
  const Json& given = body.at("items");
  if (!given.is_array()) {
    return invalid_input("validation.type",
                         "items must be a list of {order_item_id, quantity}.", "items");
  }
  if (given.size() > 200) return invalid_input("validation.length", "At most 200 items.", "items");
  std::set<int64_t> seen;
  for (size_t k = 0; k < given.size(); ++k) {
    const Json& item = given.at(k);
    const std::string prefix = fmt::format("items[{}]", k);
    if (!item.is_object()) {
      return invalid_input("validation.type", prefix + " must be an object.", prefix);
    }
    auto id = after_sale_int(item, "order_item_id", 1, INT64_MAX, true);
    if (!id) {
      Error e = std::move(id).error();
      e.field = prefix + "." + e.field;
      return e;
    }
    auto quantity = after_sale_int(item, "quantity", 1, 1'000'000, true);
    if (!quantity) {
      Error e = std::move(quantity).error();
      e.field = prefix + "." + e.field;
      return e;
    }
    if (!seen.insert(*id).second) {
      return invalid_input("after_sale.duplicate_item",
                           "Each order line may appear only once.", prefix + ".order_item_id");
    }
    lines.push_back({*id, *quantity});
  }
  return lines;
}

}  // namespace crm::orders
