// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace crm {

// The data key for personal data at rest (P10). Immutable after construction, so thread-safe.
class Keyring {
 public:
  static constexpr size_t kKeyBytes = 32;

  // Key from `key_base64` (env SHOPCRM_KEY / config "key", 32 bytes base64url) if set, else read
  // from `key_file` (32 raw bytes), else creates that file (mode 0600, parent directories) with a
  // new random key and sets *created = true (`created` may be null).
  // Errors: keyring.invalid_key (kInvalidInput) on a wrong length or an unreadable/unwritable file.
  static Result<Keyring> load_or_create(const std::string& key_file,
                                        const std::optional<std::string>& key_base64,
                                        bool* created);
  // A deterministic key derived from `seed`; for tests only.
  static Keyring for_test(std::string_view seed);

  // XChaCha20-Poly1305 with a random nonce: "v1." + base64url(nonce || ciphertext).
  // `associated_data` binds the value to its place (e.g. "customers.phone").
  std::string seal(std::string_view plaintext, std::string_view associated_data) const;
  // keyring.decrypt_failed (kInternal) when the value was tampered with, sealed under another
  // key or for another place.
  Result<std::string> open(std::string_view sealed, std::string_view associated_data) const;

  // Keyed BLAKE2b-256 of `domain` + '\0' + `normalized_value` (subkey "blindidx"), as hex: equal
  // inputs give equal indexes, for exact search and uniqueness without the plaintext.
  std::string blind_index(std::string_view domain, std::string_view normalized_value) const;

 private:
  explicit Keyring(const std::array<unsigned char, kKeyBytes>& key);

  std::array<unsigned char, kKeyBytes> key_{};
  std::array<unsigned char, kKeyBytes> index_key_{};
};

}  // namespace crm
