// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/catalog_common.h"

#include "core/text.h"

namespace crm::orders {

namespace {

size_t char_count(std::string_view text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

}  // namespace

Result<void> record_audit(const audit::AuditService& audit, storage::Connection& tx,
                          const Caller& caller, std::string_view action,
                          std::string_view target_type, std::string_view target_id,
                          Json changes) {
  audit::AuditEntry entry = caller.audit;
  entry.action = std::string(action);
  entry.target_type = std::string(target_type);
  entry.target_id = std::string(target_id);
  entry.changes = std::move(changes);
  return audit.record(tx, entry);
}

Result<std::optional<std::string>> text_field(const Json& body, std::string_view field,
                                              size_t max_chars, bool required) {
  const std::string key(field);
  CRM_TRY_ASSIGN(auto value, optional_string(body, field));
  if (value) value = std::string(trim(*value));
  if (required && (!value || value->empty())) {
    return invalid_input("validation.required", key + " is required.", key);
  }
  if (value && (!is_valid_utf8(*value) || char_count(*value) > max_chars)) {
    return invalid_input("validation.length",
                         key + " must be at most " + std::to_string(max_chars) + " characters.",
                         key);
  }
  return value;
}

Result<std::optional<int64_t>> int_field(const Json& body, std::string_view field, int64_t min) {
  CRM_TRY_ASSIGN(auto value, optional_int(body, field));
  if (value && *value < min) {
    const std::string key(field);
    return invalid_input("validation.range",
                         key + " must be at least " + std::to_string(min) + ".", key);
  }
  return value;
}

std::string catalog_escape_like(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace crm::orders
