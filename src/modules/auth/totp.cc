// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fmt/format.h>

#include "core/crypto.h"

namespace crm::auth {

namespace {
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr int64_t kStepSeconds = 30;
}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::string totp_code(std::string_view secret, int64_t step, int digits) {
  unsigned char counter[8];
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<unsigned char>(step & 0xFF);
    step >>= 8;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter, sizeof counter, digest,
       &length);
  const int offset = digest[length - 1] & 0x0F;
  const uint32_t binary = (static_cast<uint32_t>(digest[offset] & 0x7F) << 24) |
                          (static_cast<uint32_t>(digest[offset + 1]) << 16) |
                          (static_cast<uint32_t>(digest[offset + 2]) << 8) |
                          static_cast<uint32_t>(digest[offset + 3]);
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  return fmt::format("{:0{}}", binary % modulus, digits);
}

std::optional<int64_t> match_totp(std::string_view secret, std::string_view code, int64_t now_s,
                                  int window) {
  const int64_t current = now_s / kStepSeconds;
  std::optional<int64_t> matched;
  for (int64_t step = current - window; step <= current + window; ++step) {
    if (constant_time_equal(totp_code(secret, step), code)) matched = step;
  }
  return matched;
}

std::string otpauth_uri(std::string_view username, std::string_view base32_secret) {
  return fmt::format(
      "otpauth://totp/shopcrm:{}?secret={}&issuer=shopcrm&algorithm=SHA1&digits=6&period=30",
      username, base32_secret);
}

}  // namespace crm::auth
