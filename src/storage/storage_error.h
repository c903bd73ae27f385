// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace crm::storage {

// Error codes shared by both drivers (public API, never renamed).
inline constexpr std::string_view kUniqueViolation = "storage.unique_violation";
inline constexpr std::string_view kForeignKeyViolation = "storage.foreign_key_violation";
inline constexpr std::string_view kCheckViolation = "storage.check_violation";
inline constexpr std::string_view kUnavailable = "storage.unavailable";
inline constexpr std::string_view kStorageError = "storage.error";

// True when `error` is a unique violation and, if `hint` is given, the violated constraint, index
// or column (as named in the error's detail) contains `hint`. E.g.
//   is_unique_violation(e, "customers.phone")  (SQLite names table.column)
//   is_unique_violation(e, "customers_phone")  (PostgreSQL names the constraint/index)
bool is_unique_violation(const Error& error, std::string_view hint = {});
bool is_foreign_key_violation(const Error& error);

// Builders the drivers use. `detail` carries the SQL error for the log.
Error unique_violation_error(std::string detail);
Error foreign_key_violation_error(std::string detail);
Error check_violation_error(std::string detail);
Error unavailable_error(std::string message, std::string detail = {});
Error storage_error(std::string detail);

}  // namespace crm::storage
