// SPDX-License-Identifier: Apache-2.0
#include "core/keyring.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include "core/text.h"

namespace crm {

namespace {

constexpr std::string_view kPrefix = "v1.";
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "shopcrm_";  // 8 bytes
constexpr uint64_t kBlindIndexSubkeyId = 1;                              // "blindidx"

Error invalid_key(std::string message, std::string detail = {}) {
  Error error = invalid_input("keyring.invalid_key", std::move(message));
  error.detail = std::move(detail);
  return error;
}

Error decrypt_failed() {
  Error error = internal_error("sealed value could not be opened");
  error.code = "keyring.decrypt_failed";
  error.message = "An encrypted value could not be read.";
  return error;
}

Result<std::array<unsigned char, Keyring::kKeyBytes>> to_key(std::string_view bytes,
                                                             std::string_view source) {
  if (bytes.size() != Keyring::kKeyBytes) {
    return invalid_key("The data key must be exactly 32 bytes.",
                       std::string(source) + " has " + std::to_string(bytes.size()) + " bytes");
  }
  std::array<unsigned char, Keyring::kKeyBytes> key{};
  std::memcpy(key.data(), bytes.data(), key.size());
  return key;
}

Result<std::array<unsigned char, Keyring::kKeyBytes>> create_key_file(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return invalid_key("The key file's folder cannot be created.", ec.message());
  std::array<unsigned char, Keyring::kKeyBytes> key{};
  randombytes_buf(key.data(), key.size());
  // O_EXCL: never overwrite a key that appeared meanwhile (that would lose data).
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return invalid_key("The key file cannot be created.", std::strerror(errno));
  const ssize_t written = ::write(fd, key.data(), key.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(key.size()) || !synced) {
    return invalid_key("The key file cannot be written.", path);
  }
  return key;
}

}  // namespace

Keyring::Keyring(const std::array<unsigned char, kKeyBytes>& key) : key_(key) {
  CRM_CHECK(sodium_init() >= 0);
  static_assert(crypto_kdf_KEYBYTES == kKeyBytes);
  crypto_kdf_derive_from_key(index_key_.data(), index_key_.size(), kBlindIndexSubkeyId,
                             kKdfContext, key_.data());
}

Result<Keyring> Keyring::load_or_create(const std::string& key_file,
                                        const std::optional<std::string>& key_base64,
                                        bool* created) {
  if (created != nullptr) *created = false;
  if (key_base64 && !key_base64->empty()) {
    const auto decoded = base64url_decode(trim(*key_base64));
    if (!decoded) return invalid_key("The data key is not valid base64url.");
    CRM_TRY_ASSIGN(auto key, to_key(*decoded, "key"));
    return Keyring(key);
  }
  std::error_code ec;
  if (std::filesystem::exists(key_file, ec)) {
    std::ifstream in(key_file, std::ios::binary);
    if (!in) return invalid_key("The key file cannot be read.", key_file);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CRM_TRY_ASSIGN(auto key, to_key(bytes, key_file));
    return Keyring(key);
  }
  CRM_TRY_ASSIGN(auto key, create_key_file(key_file));
  if (created != nullptr) *created = true;
  return Keyring(key);
}

Keyring Keyring::for_test(std::string_view seed) {
  CRM_CHECK(sodium_init() >= 0);
  std::array<unsigned char, kKeyBytes> key{};
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(seed.data()),
                     seed.size(), nullptr, 0);
  return Keyring(key);
}

std::string Keyring::seal(std::string_view plaintext, std::string_view associated_data) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(bytes, kNonce);
  unsigned long long cipher_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      bytes + kNonce, &cipher_len, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(associated_data.data()),
      associated_data.size(), nullptr, bytes, key_.data());
  out.resize(kNonce + cipher_len);
  return std::string(kPrefix) + base64url_encode(out);
}

Result<std::string> Keyring::open(std::string_view sealed,
                                  std::string_view associated_data) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (!starts_with(sealed, kPrefix)) return decrypt_failed();
  const auto raw = base64url_decode(sealed.substr(kPrefix.size()));
  if (!raw || raw->size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return decrypt_failed();
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw->data());
  std::string plain(raw->size() - kNonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr, bytes + kNonce,
          raw->size() - kNonce, reinterpret_cast<const unsigned char*>(associated_data.data()),
          associated_data.size(), bytes, key_.data()) != 0) {
    return decrypt_failed();
  }
  plain.resize(plain_len);
  return plain;
}

std::string Keyring::blind_index(std::string_view domain,
                                 std::string_view normalized_value) const {
  std::string input(domain);
  input.push_back('\0');
  input.append(normalized_value);
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     index_key_.data(), index_key_.size());
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace crm
