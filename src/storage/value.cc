// SPDX-License-Identifier: Apache-2.0
#include "storage/value.h"

#include <charconv>
#include <cstdlib>

#include "core/result.h"

namespace crm::storage {

const Value& Row::at(size_t i) const {
  CRM_CHECK(i < values_.size());
  return values_[i];
}

bool Row::is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(at(i)); }

int64_t Row::get_int(size_t i) const {
  const Value& v = at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    const auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc() && ptr == s->data() + s->size()) return out;
    return static_cast<int64_t>(std::strtod(s->c_str(), nullptr));  // "12.0", "t"/"f" -> 0
  }
  return 0;
}

double Row::get_double(size_t i) const {
  const Value& v = at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0.0;
}

std::string Row::get_string(size_t i) const {
  const Value& v = at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    char buffer[32];
    const auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);
    return ec == std::errc() ? std::string(buffer, ptr) : std::string();
  }
  if (const auto* b = std::get_if<Blob>(&v)) return b->bytes;
  return {};
}

Blob Row::get_blob(size_t i) const {
  const Value& v = at(i);
  if (const auto* b = std::get_if<Blob>(&v)) return *b;
  if (const auto* s = std::get_if<std::string>(&v)) return Blob{*s};
  return {};
}

std::optional<int64_t> Row::get_optional_int(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return get_int(i);
}

std::optional<std::string> Row::get_optional_string(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return get_string(i);
}

}  // namespace crm::storage
