// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace crm {

// The data keys for personal data at rest (P10): one active key that seals and computes blind
// indexes, plus the previous keys of an unfinished rotation that still open their values.
// Immutable after construction, so thread-safe.
//
// Key file formats:
//  - legacy: exactly 32 raw bytes (one key, id "0");
//  - v2 text: the line "shopcrm-keyring v2", then one line "<id> <base64url key>" per key, the
//    active key first. Ids are 1..16 of [0-9a-z].
// Sealed values: "v2.<id>.<base64url(nonce || ciphertext)>"; "v1.<…>" (the format before key
// ids, still written while the legacy key "0" is the active one) opens with key "0".
class Keyring {
 public:
  static constexpr size_t kKeyBytes = 32;
  // The id of the key of a legacy key file or of SHOPCRM_KEY; "v1." values belong to it.
  static constexpr std::string_view kLegacyKeyId = "0";

  // Key from `key_base64` (env SHOPCRM_KEY / config "key", 32 bytes base64url) if set, else read
  // from `key_file` (either format), else creates that file (mode 0600, parent directories,
  // legacy format so that older builds still read it) with a new random key and sets
  // *created = true (`created` may be null).
  // Errors: keyring.invalid_key (kInvalidInput) on a wrong length, a malformed file or an
  // unreadable/unwritable file.
  static Result<Keyring> load_or_create(const std::string& key_file,
                                        const std::optional<std::string>& key_base64,
                                        bool* created);
  // A deterministic key (id "0") derived from `seed`; for tests only.
  static Keyring for_test(std::string_view seed);

  // Rotation step 1: adds a new random key as the active one to `key_file`, keeping the others
  // so their values still open (written to a temporary file, fsynced, renamed over: never a
  // half-written key file). When the file already holds more than one key a rotation was
  // interrupted: nothing changes and false is returned (resume with the active key).
  static Result<bool> begin_rotation(const std::string& key_file);
  // Rotation last step: rewrites `key_file` with the active key only (call once no value is
  // sealed under another key). A file with one key is left as it is.
  static Result<void> retire_previous_keys(const std::string& key_file);

  // XChaCha20-Poly1305 with a random nonce under the active key: active_prefix() + base64url(…).
  // `associated_data` binds the value to its place (e.g. "customers.phone").
  std::string seal(std::string_view plaintext, std::string_view associated_data) const;
  // Picks the key by the value's id. keyring.decrypt_failed (kInternal) when the value was
  // tampered with, sealed under an unknown key or for another place.
  Result<std::string> open(std::string_view sealed, std::string_view associated_data) const;

  // Keyed BLAKE2b-256 of `domain` + '\0' + `normalized_value` (subkey "blindidx" of the active
  // key), as hex: equal inputs give equal indexes, for exact search and uniqueness without the
  // plaintext.
  std::string blind_index(std::string_view domain, std::string_view normalized_value) const;

  const std::string& active_key_id() const { return keys_.front().id; }
  // "v2.<active id>." ("v1." for the legacy key): values not starting with it still need
  // re-sealing after a rotation.
  std::string active_prefix() const;
  size_t key_count() const { return keys_.size(); }

 private:
  struct Key {
    std::string id;
    std::array<unsigned char, kKeyBytes> key{};
    std::array<unsigned char, kKeyBytes> index_key{};
  };
  struct RawKey {
    std::string id;
    std::array<unsigned char, kKeyBytes> key{};
  };

  explicit Keyring(const std::vector<RawKey>& keys);
  static Result<std::vector<RawKey>> read_key_file(const std::string& key_file);
  static Result<void> write_key_file(const std::string& key_file, const std::vector<RawKey>& keys);
  const Key* find(std::string_view id) const;

  std::vector<Key> keys_;  // keys_.front() is active
};

}  // namespace crm
