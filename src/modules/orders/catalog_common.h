// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the catalog part's services: audit rows, text rules, LIKE escaping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_service.h"
#include "storage/connection.h"

namespace crm::orders {

using customers::Caller;

// Appends the audit row of one catalog write, in the write's transaction.
Result<void> record_audit(const audit::AuditService& audit, storage::Connection& tx,
                          const Caller& caller, std::string_view action,
                          std::string_view target_type, std::string_view target_id,
                          Json changes);

// {"from": a, "to": b} for an audit changes object.
template <typename A, typename B>
Json change(const A& from, const B& to) {
  return {{"from", from}, {"to", to}};
}

// Reads an optional text field, trimmed; validation.length (field) when longer than `max_chars`
// UTF-8 characters or not valid UTF-8, validation.required when `required` and missing/empty.
Result<std::optional<std::string>> text_field(const Json& body, std::string_view field,
                                              size_t max_chars, bool required);

// Reads an optional integer field that must be >= min (validation.range otherwise).
Result<std::optional<int64_t>> int_field(const Json& body, std::string_view field, int64_t min);

// `text` with %, _ and \ escaped for LIKE ... ESCAPE '\'.
std::string catalog_escape_like(std::string_view text);

}  // namespace crm::orders
