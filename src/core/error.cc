// SPDX-License-Identifier: Apache-2.0
#include "core/error.h"

#include <utility>

namespace crm {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidInput: return "invalid_input";
    case ErrorKind::kUnauthenticated: return "unauthenticated";
    case ErrorKind::kForbidden: return "forbidden";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kConflict: return "conflict";
    case ErrorKind::kPreconditionFailed: return "precondition_failed";
    case ErrorKind::kPreconditionRequired: return "precondition_required";
    case ErrorKind::kPayloadTooLarge: return "payload_too_large";
    case ErrorKind::kUnprocessable: return "unprocessable";
    case ErrorKind::kRateLimited: return "rate_limited";
    case ErrorKind::kUnavailable: return "unavailable";
    case ErrorKind::kInternal: return "internal";
  }
  return "internal";
}

Error invalid_input(std::string code, std::string message, std::string field) {
  return Error{ErrorKind::kInvalidInput, std::move(code), std::move(message), std::move(field)};
}

Error not_found(std::string code, std::string message) {
  return Error{ErrorKind::kNotFound, std::move(code), std::move(message)};
}

Error conflict(std::string code, std::string message, std::string field) {
  return Error{ErrorKind::kConflict, std::move(code), std::move(message), std::move(field)};
}

Error forbidden(std::string code, std::string message) {
  return Error{ErrorKind::kForbidden, std::move(code), std::move(message)};
}

Error unavailable(std::string code, std::string message, std::string detail) {
  return Error{ErrorKind::kUnavailable, std::move(code), std::move(message), {}, std::move(detail)};
}

Error internal_error(std::string detail) {
  return Error{ErrorKind::kInternal, "internal", "An unexpected error occurred.", {},
               std::move(detail)};
}

}  // namespace crm
