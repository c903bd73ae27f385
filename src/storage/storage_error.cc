// SPDX-License-Identifier: Apache-2.0
#include "storage/storage_error.h"

#include <utility>

namespace crm::storage {

bool is_unique_violation(const Error& error, std::string_view hint) {
  if (error.code != kUniqueViolation) return false;
  return hint.empty() || error.detail.find(hint) != std::string::npos;
}

bool is_foreign_key_violation(const Error& error) { return error.code == kForeignKeyViolation; }

Error unique_violation_error(std::string detail) {
  return Error{ErrorKind::kConflict, std::string(kUniqueViolation),
               "A record with the same value already exists.", {}, std::move(detail)};
}

Error foreign_key_violation_error(std::string detail) {
  return Error{ErrorKind::kConflict, std::string(kForeignKeyViolation),
               "The record refers to, or is referred to by, another record.", {},
               std::move(detail)};
}

Error check_violation_error(std::string detail) {
  return Error{ErrorKind::kInvalidInput, std::string(kCheckViolation),
               "A value is outside the allowed range.", {}, std::move(detail)};
}

Error unavailable_error(std::string message, std::string detail) {
  return Error{ErrorKind::kUnavailable, std::string(kUnavailable), std::move(message), {},
               std::move(detail)};
}

Error storage_error(std::string detail) {
  return Error{ErrorKind::kInternal, std::string(kStorageError), "A database error occurred.", {},
               std::move(detail)};
}

}  // namespace crm::storage
