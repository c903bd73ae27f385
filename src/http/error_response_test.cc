// SPDX-License-Identifier: Apache-2.0
#include "http/error_response.h"

#include <gtest/gtest.h>

namespace crm::http {
namespace {

TEST(ErrorResponse, MapsEveryKind) {
  EXPECT_EQ(status_for(ErrorKind::kInvalidInput), Status::kBadRequest);
  EXPECT_EQ(status_for(ErrorKind::kUnauthenticated), Status::kUnauthorized);
  EXPECT_EQ(status_for(ErrorKind::kForbidden), Status::kForbidden);
  EXPECT_EQ(status_for(ErrorKind::kNotFound), Status::kNotFound);
  EXPECT_EQ(status_for(ErrorKind::kConflict), Status::kConflict);
  EXPECT_EQ(status_for(ErrorKind::kPreconditionFailed), Status::kPreconditionFailed);
  EXPECT_EQ(status_for(ErrorKind::kPreconditionRequired), Status::kPreconditionRequired);
  EXPECT_EQ(status_for(ErrorKind::kPayloadTooLarge), Status::kPayloadTooLarge);
  EXPECT_EQ(status_for(ErrorKind::kUnprocessable), Status::kUnprocessable);
  EXPECT_EQ(status_for(ErrorKind::kRateLimited), Status::kTooManyRequests);
  EXPECT_EQ(status_for(ErrorKind::kUnavailable), Status::kServiceUnavailable);
  EXPECT_EQ(status_for(ErrorKind::kInternal), Status::kInternalServerError);
}

TEST(ErrorResponse, ProtocolCodesHaveTheirOwnStatus) {
  EXPECT_EQ(status_for(Error{ErrorKind::kInvalidInput, "http.unsupported_media_type", "m"}),
            Status::kUnsupportedMediaType);
  EXPECT_EQ(status_for(Error{ErrorKind::kInvalidInput, "http.header_too_large", "m"}),
            Status::kRequestHeaderFieldsTooLarge);
}

TEST(ErrorResponse, BodyHasCodeMessageFieldAndRequestIdButNeverDetail) {
  Error error = invalid_input("customer.phone_invalid", "Phone is invalid.", "phone");
  error.detail = "secret internals";
  Response response = error_response(error, "req-1");
  EXPECT_EQ(response.status(), Status::kBadRequest);
  EXPECT_EQ(response.header("content-type"), "application/json");
  const Json body = Json::parse(response.body());
  EXPECT_EQ(body["error"]["code"], "customer.phone_invalid");
  EXPECT_EQ(body["error"]["message"], "Phone is invalid.");
  EXPECT_EQ(body["error"]["field"], "phone");
  EXPECT_EQ(body["error"]["request_id"], "req-1");
  EXPECT_EQ(response.body().find("secret"), std::string::npos);

  const Json internal = Json::parse(error_response(internal_error("boom"), "r").body());
  EXPECT_FALSE(internal["error"].contains("field"));
  EXPECT_EQ(internal["error"]["code"], "internal");
}

TEST(ErrorResponse, UnavailableSaysRetryAfter) {
  Response response = error_response(unavailable("db.down", "Try again."), "r");
  EXPECT_EQ(response.status(), Status::kServiceUnavailable);
  EXPECT_EQ(response.header("retry-after"), "1");
}

}  // namespace
}  // namespace crm::http
