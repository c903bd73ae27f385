// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace crm::auth {

// Argon2id password hashes (libsodium crypto_pwhash_str), with a cap on how many hashes run at
// once: each costs ~64 MiB and tens of milliseconds, so a burst of logins must queue instead of
// exhausting memory. Thread-safe.
class PasswordHasher {
 public:
  // kInteractive: OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (production). kFastForTests: still
  // Argon2id, with libsodium's minimum limits, so that tests hashing hundreds of times stay quick.
  enum class Strength { kInteractive, kFastForTests };

  // `max_concurrent` >= 1 (config auth.max_concurrent_hashes, default 2).
  explicit PasswordHasher(int max_concurrent = 2, Strength strength = Strength::kInteractive);

  // The encoded hash ("$argon2id$v=19$m=…"). Errors: kInternal auth.hash_failed (out of memory).
  Result<std::string> hash(std::string_view password) const;

  // True when `password` matches `encoded`; false for a wrong password or a malformed hash.
  bool verify(std::string_view encoded, std::string_view password) const;

  // Verifies `password` against a fixed hash made at construction and discards the answer, so an
  // unknown username costs as long as a wrong password and timing does not reveal existence.
  void dummy_verify(std::string_view password) const;

 private:
  // Blocks until fewer than max_concurrent_ hashes are running; the guard releases the slot.
  class Slot {
   public:
    explicit Slot(const PasswordHasher& owner);
    ~Slot();
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    const PasswordHasher& owner_;
  };

  const int max_concurrent_;
  unsigned long long opslimit_;
  size_t memlimit_;
  std::string dummy_hash_;

  mutable std::mutex mutex_;
  mutable std::condition_variable released_;
  mutable int running_ = 0;
};

}  // namespace crm::auth
