// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm::auth {

// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the kind
// every authenticator app (Google Authenticator, Microsoft Authenticator, 阿里云 / 腾讯身份验证器)
// reads from an otpauth:// URI.

// RFC 4648 base32 without padding, upper case (the form authenticator apps expect).
std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);

// The code for `step` (= unix seconds / 30) of `secret` (raw bytes), zero-padded to `digits`.
std::string totp_code(std::string_view secret, int64_t step, int digits = 6);

// The step within ±`window` steps of `now_s` whose code equals `code`, if any. Comparison is
// constant-time per candidate.
std::optional<int64_t> match_totp(std::string_view secret, std::string_view code, int64_t now_s,
                                  int window = 1);

// otpauth://totp/shopcrm:<username>?secret=…&issuer=shopcrm&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view username, std::string_view base32_secret);

}  // namespace crm::auth
