// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/totp.h"

#include <gtest/gtest.h>

namespace crm::auth {
namespace {

// RFC 6238 appendix B, SHA-1 secret "12345678901234567890"; 8-digit reference values.
TEST(Totp, MatchesTheRfc6238TestVectors) {
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(totp_code(secret, 59 / 30, 8), "94287082");
  EXPECT_EQ(totp_code(secret, 1111111109 / 30, 8), "07081804");
  EXPECT_EQ(totp_code(secret, 1234567890 / 30, 8), "89005924");
  EXPECT_EQ(totp_code(secret, 20000000000 / 30, 8), "65353130");
  EXPECT_EQ(totp_code(secret, 59 / 30), "287082");
}

TEST(Totp, Base32RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI").value(), "foobar");
  EXPECT_EQ(base32_decode("mzxw6ytboi======").value(), "foobar");
  EXPECT_FALSE(base32_decode("MZ1W"));
}

TEST(Totp, AcceptsOneStepOfClockDriftOnly) {
  const std::string secret = "12345678901234567890";
  const int64_t now = 1'767'225'600;
  const int64_t step = now / 30;
  EXPECT_EQ(match_totp(secret, totp_code(secret, step), now), step);
  EXPECT_EQ(match_totp(secret, totp_code(secret, step - 1), now), step - 1);
  EXPECT_FALSE(match_totp(secret, totp_code(secret, step - 2), now));
  EXPECT_FALSE(match_totp(secret, "000000x", now));
}

TEST(Totp, UriNamesTheAccountAndIssuer) {
  EXPECT_EQ(otpauth_uri("admin", "ABC"),
            "otpauth://totp/shopcrm:admin?secret=ABC&issuer=shopcrm&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace crm::auth
