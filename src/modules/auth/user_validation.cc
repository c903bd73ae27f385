// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/user_validation.h"

#include "core/text.h"

namespace crm::auth {

namespace {

Result<std::string> short_text(std::string_view text, std::string_view field, bool required) {
  std::string value(trim(text));
  if (required && value.empty()) {
    return invalid_input("validation.required", "This field is required.", std::string(field));
  }
  if (value.size() > 64 * 3 || !is_valid_utf8(value)) {
    return invalid_input("validation.too_long", "At most 64 characters.", std::string(field));
  }
  return value;
}

}  // namespace

Result<std::string> normalize_username(std::string_view username) {
  std::string value = to_lower_ascii(trim(username));
  bool ok = value.size() >= 3 && value.size() <= 32;
  for (char c : value) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                c == '-');
  }
  if (!ok) {
    return invalid_input("user.invalid_username",
                         "Usernames are 3-32 characters of a-z, 0-9, '_', '.' and '-'.",
                         "username");
  }
  return value;
}

Result<std::string> normalize_display_name(std::string_view name) {
  return short_text(name, "display_name", true);
}

Result<std::string> normalize_department(std::string_view department) {
  return short_text(department, "department", false);
}

Result<std::string> normalize_phone(std::string_view phone) {
  std::string value;
  for (char c : trim(phone)) {
    if (c != ' ' && c != '-') value += c;
  }
  if (value.empty()) return value;
  const size_t start = value[0] == '+' ? 1 : 0;
  bool ok = value.size() - start >= 5 && value.size() - start <= 20;
  for (size_t i = start; i < value.size(); ++i) ok = ok && value[i] >= '0' && value[i] <= '9';
  if (!ok) return invalid_input("user.invalid_phone", "This is not a phone number.", "phone");
  return value;
}

Result<std::string> normalize_email(std::string_view email) {
  std::string value = to_lower_ascii(trim(email));
  if (value.empty()) return value;
  const size_t at = value.find('@');
  const bool ok = value.size() <= 254 && at != std::string::npos && at > 0 &&
                  value.find('@', at + 1) == std::string::npos &&
                  value.find('.', at + 2) != std::string::npos && value.back() != '.' &&
                  value.find_first_of(" \t<>\"'(),;:\\[]") == std::string::npos;
  if (!ok) return invalid_input("user.invalid_email", "This is not an email address.", "email");
  return value;
}

}  // namespace crm::auth
