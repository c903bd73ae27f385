// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include "core/error.h"
#include "http/response.h"
#include "http/status.h"

namespace crm::http {

// The only table from ErrorKind to HTTP status: InvalidInput 400, Unauthenticated 401,
// Forbidden 403, NotFound 404, Conflict 409, PreconditionFailed 412, PayloadTooLarge 413,
// Unprocessable 422, PreconditionRequired 428, RateLimited 429, Unavailable 503, Internal 500.
Status status_for(ErrorKind kind);

// The status for an error: status_for(kind), except for the few protocol-level codes that have
// no ErrorKind of their own: "http.unsupported_media_type" 415, "http.method_not_allowed" 405,
// "http.header_too_large" 431.
Status status_for(const Error& error);

// {"error":{"code","message","field"?,"request_id"}} with status_for(error); 503 carries
// Retry-After: 1. Never includes error.detail (that is for the log).
Response error_response(const Error& error, std::string_view request_id);

}  // namespace crm::http
