// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

namespace crm::http {

// The HTTP statuses shopcrm answers with. The numeric value is the wire status.
enum class Status : int {
  kOk = 200,
  kCreated = 201,
  kAccepted = 202,
  kNoContent = 204,
  kNotModified = 304,
  kBadRequest = 400,
  kUnauthorized = 401,
  kForbidden = 403,
  kNotFound = 404,
  kMethodNotAllowed = 405,
  kConflict = 409,
  kPreconditionFailed = 412,
  kPayloadTooLarge = 413,
  kUnsupportedMediaType = 415,
  kUnprocessable = 422,
  kPreconditionRequired = 428,
  kTooManyRequests = 429,
  kRequestHeaderFieldsTooLarge = 431,
  kInternalServerError = 500,
  kServiceUnavailable = 503,
};

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions };

constexpr int to_int(Status status) { return static_cast<int>(status); }

// "GET", "HEAD", ... as on the wire.
std::string_view to_string(Method method);

// The method named exactly (upper case) as on the wire; nullopt for any other token.
std::optional<Method> parse_method(std::string_view name);

}  // namespace crm::http
