// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/password_hasher.h"

#include <sodium.h>

#include <algorithm>

namespace crm::auth {

PasswordHasher::PasswordHasher(int max_concurrent, Strength strength)
    : max_concurrent_(std::max(1, max_concurrent)),
      opslimit_(strength == Strength::kInteractive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                                   : crypto_pwhash_OPSLIMIT_MIN),
      memlimit_(strength == Strength::kInteractive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                   : crypto_pwhash_MEMLIMIT_MIN) {
  CRM_CHECK(sodium_init() >= 0);
  auto dummy = hash("shopcrm dummy password for unknown users");
  CRM_CHECK(dummy.has_value());
  dummy_hash_ = std::move(dummy).value();
}

PasswordHasher::Slot::Slot(const PasswordHasher& owner) : owner_(owner) {
  std::unique_lock lock(owner_.mutex_);
  owner_.released_.wait(lock, [&] { return owner_.running_ < owner_.max_concurrent_; });
  ++owner_.running_;
}

PasswordHasher::Slot::~Slot() {
  {
    std::lock_guard lock(owner_.mutex_);
    --owner_.running_;
  }
  owner_.released_.notify_one();
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  Slot slot(*this);
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), opslimit_, memlimit_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error{ErrorKind::kInternal, "auth.hash_failed", "The password could not be stored.",
                 {}, "crypto_pwhash_str_alg failed (out of memory?)"};
  }
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view encoded, std::string_view password) const {
  // crypto_pwhash_str_verify needs a NUL-terminated hash of at most STRBYTES - 1 characters.
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  char stored[crypto_pwhash_STRBYTES] = {};
  std::copy(encoded.begin(), encoded.end(), stored);
  Slot slot(*this);
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

void PasswordHasher::dummy_verify(std::string_view password) const {
  (void)verify(dummy_hash_, password);
}

}  // namespace crm::auth
