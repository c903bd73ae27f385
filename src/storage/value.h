// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace crm::storage {

// Raw bytes (BLOB in SQLite, bytea in PostgreSQL); distinct from text.
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

// A parameter or a column value. Integers are always int64, booleans are 0/1.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string, Blob>;

enum class Dialect { kSqlite, kPostgres };

// to_value(x): what the variadic Connection helpers call (unqualified, so a module may add an
// overload for its own strong id type in its own namespace and ADL finds it).
inline Value to_value(std::nullptr_t) { return nullptr; }
inline Value to_value(bool b) { return int64_t{b ? 1 : 0}; }
template <std::integral T>
  requires(!std::same_as<T, bool>)
Value to_value(T v) { return static_cast<int64_t>(v); }
template <std::floating_point T>
Value to_value(T v) { return static_cast<double>(v); }
inline Value to_value(const char* s) { return s == nullptr ? Value{nullptr} : Value{std::string(s)}; }
inline Value to_value(std::string_view s) { return std::string(s); }
inline Value to_value(const std::string& s) { return s; }
inline Value to_value(std::string&& s) { return std::move(s); }
inline Value to_value(Blob b) { return b; }
inline Value to_value(Value v) { return v; }
template <typename T>
Value to_value(const std::optional<T>& v) {
  if (!v) return nullptr;
  return to_value(*v);
}

// One result row; values are copied out of the driver. Index out of range is a bug (CRM_CHECK).
// Getters convert leniently so one query works on both dialects: get_int reads an int, a double
// (truncated) or a numeric string; NULL reads as 0 / 0.0 / "" / false.
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  const Value& at(size_t i) const;
  bool is_null(size_t i) const;
  int64_t get_int(size_t i) const;
  double get_double(size_t i) const;
  std::string get_string(size_t i) const;
  Blob get_blob(size_t i) const;
  bool get_bool(size_t i) const { return get_int(i) != 0; }
  std::optional<int64_t> get_optional_int(size_t i) const;
  std::optional<std::string> get_optional_string(size_t i) const;

  // get<T>(i) for T in int64_t, int, double, std::string, bool, Blob.
  template <typename T>
  T get(size_t i) const {
    if constexpr (std::is_same_v<T, bool>) return get_bool(i);
    else if constexpr (std::is_integral_v<T>) return static_cast<T>(get_int(i));
    else if constexpr (std::is_floating_point_v<T>) return static_cast<T>(get_double(i));
    else if constexpr (std::is_same_v<T, Blob>) return get_blob(i);
    else return get_string(i);
  }

  const std::vector<Value>& values() const { return values_; }

 private:
  std::vector<Value> values_;
};

}  // namespace crm::storage
