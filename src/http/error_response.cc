// SPDX-License-Identifier: Apache-2.0
#include "http/error_response.h"

namespace crm::http {

Status status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidInput: return Status::kBadRequest;
    case ErrorKind::kUnauthenticated: return Status::kUnauthorized;
    case ErrorKind::kForbidden: return Status::kForbidden;
    case ErrorKind::kNotFound: return Status::kNotFound;
    case ErrorKind::kConflict: return Status::kConflict;
    case ErrorKind::kPreconditionFailed: return Status::kPreconditionFailed;
    case ErrorKind::kPreconditionRequired: return Status::kPreconditionRequired;
    case ErrorKind::kPayloadTooLarge: return Status::kPayloadTooLarge;
    case ErrorKind::kUnprocessable: return Status::kUnprocessable;
    case ErrorKind::kRateLimited: return Status::kTooManyRequests;
    case ErrorKind::kUnavailable: return Status::kServiceUnavailable;
    case ErrorKind::kInternal: return Status::kInternalServerError;
  }
  return Status::kInternalServerError;
}

Status status_for(const Error& error) {
  if (error.code == "http.unsupported_media_type") return Status::kUnsupportedMediaType;
  if (error.code == "http.method_not_allowed") return Status::kMethodNotAllowed;
  if (error.code == "http.header_too_large") return Status::kRequestHeaderFieldsTooLarge;
  return status_for(error.kind);
}

Response error_response(const Error& error, std::string_view request_id) {
  Json body = {{"code", error.code}, {"message", error.message}};
  if (!error.field.empty()) body["field"] = error.field;
  body["request_id"] = request_id;
  Response response = Response::json(status_for(error), Json{{"error", std::move(body)}});
  if (error.kind == ErrorKind::kUnavailable || error.kind == ErrorKind::kRateLimited) {
    response.set_header("Retry-After", "1");
  }
  return response;
}

}  // namespace crm::http
