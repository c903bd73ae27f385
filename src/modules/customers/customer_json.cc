// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_json.h"

#include <fmt/format.h>

#include "core/text.h"

namespace crm::customers {

namespace {

constexpr size_t kMaxName = 64;
constexpr size_t kMaxText = 2000;
constexpr size_t kMaxShort = 100;

// Length in characters (UTF-8 code points).
size_t char_count(std::string_view text) {
  size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// The first `n` characters (UTF-8 code points).
std::string first_chars(std::string_view text, size_t n) {
  size_t i = 0;
  size_t seen = 0;
  while (i < text.size()) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == n) break;
      ++seen;
    }
    ++i;
  }
  return std::string(text.substr(0, i));
}

Error length_error(std::string_view field, size_t max) {
  return invalid_input("validation.length",
                       fmt::format("{} must be at most {} characters.", field, max),
                       std::string(field));
}

Result<std::optional<std::string>> text_field(const Json& body, std::string_view field,
                                              size_t max) {
  CRM_TRY_ASSIGN(auto value, optional_string(body, field));
  if (value) {
    *value = std::string(trim(*value));
    if (!is_valid_utf8(*value)) {
      return invalid_input("validation.type", fmt::format("{} is not valid text.", field),
                           std::string(field));
    }
    if (char_count(*value) > max) return length_error(field, max);
  }
  return value;
}

// A field that may be set to null: absent -> keep, null -> clear, string -> parse.
bool present(const Json& body, std::string_view field) { return body.contains(field); }
bool is_null(const Json& body, std::string_view field) {
  return body.contains(field) && body.at(std::string(field)).is_null();
}

Result<void> enum_field(const Json& body, std::string_view field,
                        std::initializer_list<std::string_view> allowed, std::string& out) {
  CRM_TRY_ASSIGN(auto value, optional_string(body, field));
  if (!value) return {};
  for (const auto option : allowed) {
    if (*value == option) {
      out = *value;
      return {};
    }
  }
  return invalid_input("validation.enum", fmt::format("{} has an unknown value.", field),
                       std::string(field));
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool is_valid_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int month = std::stoi(std::string(text.substr(5, 2)));
  const int day = std::stoi(std::string(text.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  return day <= kDays[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
}

Result<std::optional<std::string>> personal_field(
    const Json& body, std::string_view field, std::optional<std::string> current,
    std::optional<std::string> (*normalize)(std::string_view), std::string_view code,
    std::string_view message) {
  if (!present(body, field)) return current;
  if (is_null(body, field)) return std::optional<std::string>{};
  CRM_TRY_ASSIGN(auto value, optional_string(body, field));
  if (trim(*value).empty()) return std::optional<std::string>{};
  auto normalized = normalize(*value);
  if (!normalized) return invalid_input(std::string(code), std::string(message), std::string(field));
  return normalized;
}

std::optional<std::string> normalize_id_number(std::string_view text) {
  std::string out;
  for (const char c : trim(text)) {
    if (c >= '0' && c <= '9') out.push_back(c);
    else if (c == 'x' || c == 'X') out.push_back('X');
    else if (c != ' ') return std::nullopt;
  }
  if (out.size() < 8 || out.size() > 20) return std::nullopt;
  return out;
}

Json nullable(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json redacted(const std::optional<std::string>& value) {
  return value ? Json("***") : Json(nullptr);
}

}  // namespace

std::optional<std::string> normalize_phone(std::string_view text) {
  std::string digits;
  std::string_view rest = trim(text);
  if (starts_with(rest, "+86")) rest.remove_prefix(3);
  for (const char c : rest) {
    if (c >= '0' && c <= '9') digits.push_back(c);
    else if (c != ' ' && c != '-') return std::nullopt;
  }
  if (digits.size() == 13 && starts_with(digits, "86")) digits.erase(0, 2);
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return std::nullopt;
  return digits;
}

std::optional<std::string> normalize_email(std::string_view text) {
  const std::string email = to_lower_ascii(trim(text));
  const size_t at = email.find('@');
  if (email.size() > 254 || at == std::string::npos || at == 0 || at != email.rfind('@')) {
    return std::nullopt;
  }
  const std::string_view domain = std::string_view(email).substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return std::nullopt;
  for (const char c : email) {
    if (static_cast<unsigned char>(c) <= ' ' || c == ',' || c == ';' || c == '<' || c == '>') {
      return std::nullopt;
    }
  }
  return email;
}

Result<CustomerFields> parse_fields(const Json& body, CustomerFields base, bool creating,
                                    std::string_view today) {
  CustomerFields f = std::move(base);
  if (creating || present(body, "name")) {
    CRM_TRY_ASSIGN(std::string name, required_string(body, "name"));
    name = std::string(trim(name));
    if (name.empty()) return invalid_input("validation.required", "name is required.", "name");
    if (!is_valid_utf8(name)) return invalid_input("validation.type", "name is not valid text.", "name");
    if (char_count(name) > kMaxName) return length_error("name", kMaxName);
    f.name = std::move(name);
  }
  CRM_TRY(enum_field(body, "gender", {"male", "female", "unknown"}, f.gender));
  CRM_TRY(enum_field(body, "stage", {"potential", "transacted", "member"}, f.stage));
  if (is_null(body, "birthday")) {
    f.birthday.reset();
  } else if (present(body, "birthday")) {
    CRM_TRY_ASSIGN(auto birthday, optional_string(body, "birthday"));
    if (!is_valid_date(*birthday) || *birthday > today) {
      return invalid_input("customer.invalid_birthday",
                           "birthday must be a date YYYY-MM-DD that is not in the future.",
                           "birthday");
    }
    f.birthday = *birthday;
  }
  CRM_TRY_ASSIGN(f.phone, personal_field(body, "phone", f.phone, normalize_phone,
                                         "customer.invalid_phone",
                                         "phone must be a Chinese mobile number (11 digits)."));
  CRM_TRY_ASSIGN(f.email, personal_field(body, "email", f.email, normalize_email,
                                         "customer.invalid_email", "email is not a valid address."));
  CRM_TRY_ASSIGN(f.id_number, personal_field(body, "id_number", f.id_number, normalize_id_number,
                                             "customer.invalid_id_number",
                                             "id_number must be 8 to 20 digits (X allowed)."));
  if (present(body, "address") && !is_null(body, "address")) {
    const Json& address = body.at("address");
    if (!address.is_object()) {
      return invalid_input("validation.type", "address must be an object.", "address");
    }
    for (auto [key, target] : {std::pair{"province", &f.address.province},
                               std::pair{"city", &f.address.city},
                               std::pair{"district", &f.address.district}}) {
      CRM_TRY_ASSIGN(auto value, text_field(address, key, kMaxShort));
      if (value) *target = std::move(*value);
    }
    if (is_null(address, "detail")) {
      f.address.detail.reset();
    } else {
      CRM_TRY_ASSIGN(auto detail, text_field(address, "detail", 200));
      if (detail) f.address.detail = detail->empty() ? std::nullopt : std::optional(*detail);
    }
  } else if (is_null(body, "address")) {
    f.address = {};
  }
  for (auto [key, target, max] : {std::tuple{"source_channel", &f.source_channel, kMaxShort},
                                  std::tuple{"hobbies", &f.hobbies, kMaxText},
                                  std::tuple{"notes", &f.notes, kMaxText}}) {
    CRM_TRY_ASSIGN(auto value, text_field(body, key, max));
    if (value) *target = std::move(*value);
  }
  if (present(body, "consent")) {
    const Json& consent = body.at("consent");
    if (!consent.is_object()) {
      return invalid_input("validation.type", "consent must be an object.", "consent");
    }
    for (auto [key, target] : {std::pair{"sms", &f.consent.sms}, std::pair{"email", &f.consent.email},
                               std::pair{"phone", &f.consent.phone}}) {
      CRM_TRY_ASSIGN(auto value, optional_bool(consent, key));
      if (value) *target = *value;
    }
  }
  return f;
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 7) return "***";
  return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(phone.size() - 4));
}

std::string mask_email(std::string_view email) {
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0) return "***";
  return first_chars(email, 1) + "***" + std::string(email.substr(at));
}

std::string mask_detail(std::string_view detail) { return first_chars(detail, 2) + "***"; }

std::string mask_id_number(std::string_view id) {
  if (id.size() < 8) return "**********";
  return std::string(id.substr(0, 4)) + "**********" + std::string(id.substr(id.size() - 4));
}

Json to_json(const Customer& c, Masking masking) {
  const bool masked = masking == Masking::kMasked;
  const CustomerFields& f = c.fields;
  auto show = [&](const std::optional<std::string>& value, std::string (*mask)(std::string_view)) {
    if (!value) return Json(nullptr);
    return masked ? Json(mask(*value)) : Json(*value);
  };
  Json categories = Json::array();
  for (const auto& category : c.categories) {
    categories.push_back({{"id", category.id}, {"name", category.name}});
  }
  Json out = {
      {"id", c.id},
      {"number", c.number},
      {"name", f.name},
      {"gender", f.gender},
      {"birthday", nullable(f.birthday)},
      {"phone", show(f.phone, mask_phone)},
      {"email", show(f.email, mask_email)},
      {"address",
       {{"province", f.address.province},
        {"city", f.address.city},
        {"district", f.address.district},
        {"detail", show(f.address.detail, mask_detail)}}},
      {"id_number", show(f.id_number, mask_id_number)},
      {"source_channel", f.source_channel},
      {"stage", f.stage},
      {"owner_id", c.owner_id},
      {"categories", categories},
      {"tags", c.tags},
      {"hobbies", f.hobbies},
      {"notes", f.notes},
      {"consent", {{"sms", f.consent.sms}, {"email", f.consent.email}, {"phone", f.consent.phone}}},
      {"created_at", c.created_at_ms},
      {"created_by", c.created_by},
      {"updated_at", c.updated_at_ms},
      {"updated_by", c.updated_by},
      {"version", c.version},
      {"masked", masked},
  };
  out["anonymised_at"] = c.anonymised_at_ms ? Json(*c.anonymised_at_ms) : Json(nullptr);
  if (c.deleted_at_ms) {
    out["deleted_at"] = *c.deleted_at_ms;
    out["deleted_by"] = c.deleted_by ? Json(*c.deleted_by) : Json(nullptr);
  }
  return out;
}

Json redacted_fields(const CustomerFields& f) {
  return {
      {"name", f.name},
      {"gender", f.gender},
      {"birthday", nullable(f.birthday)},
      {"phone", redacted(f.phone)},
      {"email", redacted(f.email)},
      {"id_number", redacted(f.id_number)},
      {"province", f.address.province},
      {"city", f.address.city},
      {"district", f.address.district},
      {"address_detail", redacted(f.address.detail)},
      {"source_channel", f.source_channel},
      {"stage", f.stage},
      {"hobbies", f.hobbies},
      {"notes", f.notes},
      {"consent_sms", f.consent.sms},
      {"consent_email", f.consent.email},
      {"consent_phone", f.consent.phone},
  };
}

Json diff_fields(const CustomerFields& before, const CustomerFields& after) {
  // Personal values compare on plaintext but are recorded as "***" only.
  const Json from = redacted_fields(before);
  const Json to = redacted_fields(after);
  Json changes = Json::object();
  auto personal_changed = [&](std::string_view key) {
    if (key == "phone") return before.phone != after.phone;
    if (key == "email") return before.email != after.email;
    if (key == "id_number") return before.id_number != after.id_number;
    return before.address.detail != after.address.detail;
  };
  for (const auto& [key, value] : from.items()) {
    const bool personal = key == "phone" || key == "email" || key == "id_number" ||
                          key == "address_detail";
    if (personal ? personal_changed(key) : value != to.at(key)) {
      changes[key] = {{"from", value}, {"to", to.at(key)}};
    }
  }
  return changes;
}

std::string list_cursor(std::string_view key, int64_t id) {
  return base64url_encode(std::string(key) + '\n' + std::to_string(id));
}

std::optional<std::pair<std::string, int64_t>> parse_list_cursor(std::string_view cursor) {
  const auto raw = base64url_decode(cursor);
  if (!raw) return std::nullopt;
  const size_t newline = raw->rfind('\n');
  if (newline == std::string::npos) return std::nullopt;
  const auto id = parse_int64(std::string_view(*raw).substr(newline + 1));
  if (!id) return std::nullopt;
  return std::pair{raw->substr(0, newline), *id};
}

}  // namespace crm::customers
