// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.h"

namespace crm {

// The value of a Result<void>: success with nothing to carry.
struct Ok {};

// A value or an Error, with std::expected's member names so that a later move to
// std::expected<T, Error> is an alias. Foreseeable failures are returned, never thrown.
template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { assert(has_value()); return std::get<0>(state_); }
  const T& value() const& { assert(has_value()); return std::get<0>(state_); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { assert(!has_value()); return std::get<1>(state_); }
  Error&& error() && { assert(!has_value()); return std::get<1>(std::move(state_)); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> state_;
};

// Result<void> is a Result<Ok>, so that `return {};` and `return Ok{};` mean success.
template <>
class [[nodiscard]] Result<void> : public Result<Ok> {
 public:
  Result() : Result<Ok>(Ok{}) {}
  Result(Ok ok) : Result<Ok>(ok) {}             // NOLINT
  Result(Error error) : Result<Ok>(std::move(error)) {}  // NOLINT
  Result(Result<Ok> other) : Result<Ok>(std::move(other)) {}  // NOLINT
};

}  // namespace crm

#define CRM_CONCAT_INNER(a, b) a##b
#define CRM_CONCAT(a, b) CRM_CONCAT_INNER(a, b)

// CRM_TRY(expr): evaluates a Result; on failure returns its Error from the enclosing function.
#define CRM_TRY(expr)                                              \
  do {                                                             \
    auto crm_try_result_ = (expr);                                 \
    if (!crm_try_result_) return std::move(crm_try_result_).error(); \
  } while (false)

// CRM_TRY_ASSIGN(auto x, expr): declares x from a Result's value or returns its Error.
#define CRM_TRY_ASSIGN(decl, expr) CRM_TRY_ASSIGN_IMPL(CRM_CONCAT(crm_try_, __LINE__), decl, expr)
#define CRM_TRY_ASSIGN_IMPL(tmp, decl, expr)         \
  auto tmp = (expr);                                 \
  if (!tmp) return std::move(tmp).error();           \
  decl = std::move(tmp).value()

// Invariants, never user input: CRM_CHECK always aborts on failure, CRM_ASSERT only in debug.
#define CRM_CHECK(cond) ((cond) ? (void)0 : ::crm::check_failed(#cond, __FILE__, __LINE__))
#ifdef NDEBUG
#define CRM_ASSERT(cond) ((void)0)
#else
#define CRM_ASSERT(cond) CRM_CHECK(cond)
#endif

namespace crm {
[[noreturn]] void check_failed(const char* condition, const char* file, int line);
}  // namespace crm
