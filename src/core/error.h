// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace crm {

// The canonical kinds of failure. The kind alone decides the HTTP status (http/error_response.cc
// holds the only table); the code tells the caller which rule failed.
enum class ErrorKind {
  kInvalidInput,        // 400 (422 where the route says so): bad field, malformed body
  kUnauthenticated,     // 401
  kForbidden,           // 403
  kNotFound,            // 404
  kConflict,            // 409: duplicate, illegal state transition
  kPreconditionFailed,  // 412: stale If-Match
  kPreconditionRequired,// 428: If-Match missing
  kPayloadTooLarge,     // 413
  kUnprocessable,       // 422: well-formed but cannot be processed (idempotency key reuse)
  kRateLimited,         // 429
  kUnavailable,         // 503: database down or overloaded; safe to retry
  kInternal,            // 500: a bug or an unexpected failure
};

std::string_view to_string(ErrorKind kind);

// A failure the caller can act on. `code` is public API (`<module>.<reason>`, never renamed or
// reused); `message` is safe to show to the user; `field` names the offending input field;
// `detail` is for the log only and is never sent to a client.
struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;
  std::string message;
  std::string field = {};
  std::string detail = {};
};

Error invalid_input(std::string code, std::string message, std::string field = {});
Error not_found(std::string code, std::string message);
Error conflict(std::string code, std::string message, std::string field = {});
Error forbidden(std::string code, std::string message);
Error unavailable(std::string code, std::string message, std::string detail = {});
Error internal_error(std::string detail = {});

}  // namespace crm
