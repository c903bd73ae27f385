// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/password_policy.h"

#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>

#include "core/text.h"

namespace crm::auth {

namespace {

// Common passwords (lower case, ~200), from public leak statistics, Chinese and Western.
constexpr std::array<std::string_view, 218> kCommonPasswords = {
    "123456", "password", "12345678", "qwerty", "123456789", "12345", "1234", "111111",
    "1234567", "dragon", "123123", "baseball", "abc123", "football", "monkey", "letmein",
    "696969", "shadow", "master", "666666", "qwertyuiop", "123321", "mustang", "1234567890",
    "michael", "654321", "superman", "1qaz2wsx", "7777777", "121212", "000000", "qazwsx",
    "123qwe", "killer", "trustno1", "jordan", "jennifer", "zxcvbnm", "asdfgh", "hunter",
    "buster", "soccer", "harley", "batman", "andrew", "tigger", "sunshine", "iloveyou",
    "2000", "charlie", "robert", "thomas", "hockey", "ranger", "daniel", "starwars",
    "klaster", "112233", "george", "computer", "michelle", "jessica", "pepper", "1111",
    "zxcvbn", "555555", "11111111", "131313", "freedom", "777777", "pass", "maggie",
    "159753", "aaaaaa", "ginger", "princess", "joshua", "cheese", "amanda", "summer",
    "love", "ashley", "nicole", "chelsea", "biteme", "matthew", "access", "yankees",
    "987654321", "dallas", "austin", "thunder", "taylor", "matrix", "admin", "admin123",
    "admin888", "administrator", "root", "root123", "test", "test123", "guest", "welcome",
    "welcome1", "welcome123", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword",
    "qwerty123", "qwe123", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx3edc", "zaq12wsx", "qazwsxedc",
    "a123456", "a12345678", "a123456789", "aa123456", "abc123456", "abcd1234", "abc12345",
    "aa112233", "asd123", "asdf1234", "asdfghjkl", "woaini", "woaini1314", "woaini520",
    "5201314", "520520", "1314520", "521521", "woaini123", "iloveyou1", "888888", "88888888",
    "8888888", "168168", "518518", "147258369", "147258", "159357", "123654", "123654789",
    "741852963", "789456123", "456789", "123456a", "123456aa", "123456abc", "123abc",
    "q123456", "qq123456", "qwe123456", "zxc123", "zxc123456", "wang123456", "li123456",
    "zhang123", "woshishui", "nihao123", "huang123", "caonima", "dearbook", "00000000",
    "11223344", "12341234", "123123123", "1234qwer", "qwer1234", "1qazxsw2", "2wsx3edc",
    "shopcrm", "shopcrm123", "changeme", "secret", "letmein1", "football1", "baseball1",
    "iloveyou2", "sunshine1", "princess1", "monkey123", "dragon123", "master123", "hello123",
    "hello", "hellokitty", "loveyou", "lovely", "flower", "samsung", "google", "internet",
    "whatever", "starwars1", "pokemon", "naruto", "1q2w3e", "qwerty1", "q1w2e3r4", "zaq1xsw2",
    "qwertyui", "asdf", "asdfasdf", "abcdef", "abcdefg", "abcdefgh", "a1b2c3", "a1b2c3d4",
    "password!", "qwerty!", "admin@123", "admin1234",
};

enum Class { kLower = 1, kUpper = 2, kDigit = 4, kSymbol = 8 };

int class_mask(std::string_view password) {
  int mask = 0;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z') mask |= kLower;
    else if (c >= 'A' && c <= 'Z') mask |= kUpper;
    else if (c >= '0' && c <= '9') mask |= kDigit;
    else mask |= kSymbol;
  }
  return mask;
}

Error weak(std::string_view field, std::string message) {
  return invalid_input("auth.weak_password", std::move(message), std::string(field));
}

}  // namespace

bool is_common_password(std::string_view password) {
  const std::string lower = to_lower_ascii(password);
  return std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) !=
         kCommonPasswords.end();
}

Result<void> check_password(std::string_view username, std::string_view password, int min_length,
                            int classes, std::string_view field) {
  if (static_cast<int>(password.size()) < min_length) {
    return weak(field, fmt::format("The password is too short: use at least {} characters.",
                                   min_length));
  }
  if (password.size() > static_cast<size_t>(kMaxPasswordLength)) {
    return weak(field, fmt::format("The password is too long: use at most {} characters.",
                                   kMaxPasswordLength));
  }
  const int mask = class_mask(password);
  const int present = __builtin_popcount(static_cast<unsigned>(mask));
  if (present < classes) {
    return weak(field, fmt::format("The password needs at least {} of: lower-case letters, "
                                   "upper-case letters, digits, symbols.",
                                   classes));
  }
  const std::string lower = to_lower_ascii(password);
  const std::string user = to_lower_ascii(username);
  if (user.size() >= 3 && lower.find(user) != std::string::npos) {
    return weak(field, "The password must not contain the username.");
  }
  if (is_common_password(password)) {
    return weak(field, "The password is too common; choose another one.");
  }
  return {};
}

}  // namespace crm::auth
