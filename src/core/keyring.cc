// SPDX-License-Identifier: Apache-2.0
#include "core/keyring.h"

#include <pthread.h>
#include <sys/stat.h>

#include <array>
#include <atomic>
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

constexpr std::string_view kLegacyPrefix = "v1.";
constexpr std::string_view kPrefix = "v2.";
constexpr std::string_view kFileHeader = "shopcrm-keyring v2";
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "shopcrm_";  // 8 bytes
constexpr uint64_t kBlindIndexSubkeyId = 1;                              // "blindidx"
constexpr size_t kMaxIdLength = 16;

// Increased in every child process (pthread_atfork), so that no child reuses its parent's nonce
// buffer.
std::atomic<uint64_t> fork_generation{0};

// Writes `size` random bytes for a nonce. A nonce must never repeat under a key, and need not be
// secret (it is stored next to the ciphertext): each thread draws them from a buffer of ChaCha20
// output (randombytes_buf_deterministic) under a fresh 32-byte seed from the OS, so that sealing
// costs one getrandom() per ~170 values instead of one per value (a 1M-row import seals ~3M).
void random_nonce(unsigned char* out, size_t size) {
  static const int registered = pthread_atfork(nullptr, nullptr, [] { ++fork_generation; });
  (void)registered;
  struct Buffer {
    std::array<unsigned char, 4096> bytes{};
    size_t used = sizeof(bytes);
    uint64_t generation = 0;
  };
  thread_local Buffer buffer;
  const uint64_t generation = fork_generation.load(std::memory_order_relaxed);
  if (size > buffer.bytes.size()) {
    randombytes_buf(out, size);
    return;
  }
  if (buffer.used + size > buffer.bytes.size() || buffer.generation != generation) {
    unsigned char seed[randombytes_SEEDBYTES];
    randombytes_buf(seed, sizeof seed);
    randombytes_buf_deterministic(buffer.bytes.data(), buffer.bytes.size(), seed);
    sodium_memzero(seed, sizeof seed);
    buffer.used = 0;
    buffer.generation = generation;
  }
  std::memcpy(out, buffer.bytes.data() + buffer.used, size);
  buffer.used += size;
}

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

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (const char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
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

// Writes `bytes` to a new file `path` (O_EXCL: never overwrites) with mode 0600 and fsyncs it.
Result<void> write_new_file(const std::string& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return invalid_key("The key file cannot be created.", std::strerror(errno));
  const ssize_t written = ::write(fd, bytes.data(), bytes.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(bytes.size()) || !synced) {
    return invalid_key("The key file cannot be written.", path);
  }
  return {};
}

// The folder's entry for a renamed file survives a crash only once the folder is synced.
void sync_parent(const std::string& path) {
  std::string parent = std::filesystem::path(path).parent_path().string();
  if (parent.empty()) parent = ".";
  const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string new_key_id() {
  unsigned char raw[4];
  randombytes_buf(raw, sizeof raw);
  return to_hex(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw));
}

}  // namespace

Keyring::Keyring(const std::vector<RawKey>& keys) {
  CRM_CHECK(sodium_init() >= 0);
  CRM_CHECK(!keys.empty());
  static_assert(crypto_kdf_KEYBYTES == kKeyBytes);
  for (const RawKey& raw : keys) {
    Key key;
    key.id = raw.id;
    key.key = raw.key;
    crypto_kdf_derive_from_key(key.index_key.data(), key.index_key.size(), kBlindIndexSubkeyId,
                               kKdfContext, key.key.data());
    keys_.push_back(std::move(key));
  }
}

Result<std::vector<Keyring::RawKey>> Keyring::read_key_file(const std::string& key_file) {
  std::ifstream in(key_file, std::ios::binary);
  if (!in) return invalid_key("The key file cannot be read.", key_file);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!starts_with(bytes, kFileHeader)) {
    // The format before key ids: the raw key. (32 random bytes start with the header text with
    // negligible probability.)
    CRM_TRY_ASSIGN(auto key, to_key(bytes, key_file));
    return std::vector<RawKey>{{std::string(kLegacyKeyId), key}};
  }
  std::vector<RawKey> keys;
  const auto lines = split(bytes, '\n');
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = trim(lines[i]);
    if (line.empty()) continue;
    const size_t space = line.find(' ');
    const std::string_view id = line.substr(0, space);
    const auto decoded = space == std::string_view::npos
                             ? std::nullopt
                             : base64url_decode(trim(line.substr(space + 1)));
    if (!is_valid_id(id) || !decoded) {
      return invalid_key("The key file is malformed.", key_file + " line " + std::to_string(i + 1));
    }
    for (const RawKey& seen : keys) {
      if (seen.id == id) return invalid_key("The key file names a key twice.", std::string(id));
    }
    CRM_TRY_ASSIGN(auto key, to_key(*decoded, key_file));
    keys.push_back({std::string(id), key});
  }
  if (keys.empty()) return invalid_key("The key file holds no key.", key_file);
  return keys;
}

Result<void> Keyring::write_key_file(const std::string& key_file,
                                     const std::vector<RawKey>& keys) {
  std::string text(kFileHeader);
  text.push_back('\n');
  for (const RawKey& key : keys) {
    text += key.id + ' ' +
            base64url_encode(std::string_view(reinterpret_cast<const char*>(key.key.data()),
                                              key.key.size())) +
            '\n';
  }
  const std::string temp = key_file + ".new";
  ::unlink(temp.c_str());  // a leftover of an interrupted write; the real file is intact
  auto written = write_new_file(temp, text);
  sodium_memzero(text.data(), text.size());
  CRM_TRY(written);
  if (::rename(temp.c_str(), key_file.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    return invalid_key("The key file cannot be replaced.", reason);
  }
  sync_parent(key_file);
  return {};
}

Result<Keyring> Keyring::load_or_create(const std::string& key_file,
                                        const std::optional<std::string>& key_base64,
                                        bool* created) {
  if (created != nullptr) *created = false;
  if (key_base64 && !key_base64->empty()) {
    const auto decoded = base64url_decode(trim(*key_base64));
    if (!decoded) return invalid_key("The data key is not valid base64url.");
    CRM_TRY_ASSIGN(auto key, to_key(*decoded, "key"));
    return Keyring({{std::string(kLegacyKeyId), key}});
  }
  std::error_code ec;
  if (std::filesystem::exists(key_file, ec)) {
    CRM_TRY_ASSIGN(auto keys, read_key_file(key_file));
    return Keyring(keys);
  }
  const std::filesystem::path parent = std::filesystem::path(key_file).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return invalid_key("The key file's folder cannot be created.", ec.message());
  RawKey key{std::string(kLegacyKeyId), {}};
  randombytes_buf(key.key.data(), key.key.size());
  CRM_TRY(write_new_file(key_file, std::string_view(reinterpret_cast<const char*>(key.key.data()),
                                                    key.key.size())));
  if (created != nullptr) *created = true;
  return Keyring({key});
}

Keyring Keyring::for_test(std::string_view seed) {
  CRM_CHECK(sodium_init() >= 0);
  RawKey key{std::string(kLegacyKeyId), {}};
  crypto_generichash(key.key.data(), key.key.size(),
                     reinterpret_cast<const unsigned char*>(seed.data()), seed.size(), nullptr, 0);
  return Keyring({key});
}

Result<bool> Keyring::begin_rotation(const std::string& key_file) {
  CRM_CHECK(sodium_init() >= 0);
  CRM_TRY_ASSIGN(auto keys, read_key_file(key_file));
  if (keys.size() > 1) return false;
  RawKey fresh;
  do {
    fresh.id = new_key_id();
  } while (fresh.id == keys.front().id);
  randombytes_buf(fresh.key.data(), fresh.key.size());
  keys.insert(keys.begin(), fresh);
  // The new key is on disk before any value is sealed with it: a crash at any later point leaves
  // a file that opens every value in the database.
  CRM_TRY(write_key_file(key_file, keys));
  return true;
}

Result<void> Keyring::retire_previous_keys(const std::string& key_file) {
  CRM_TRY_ASSIGN(auto keys, read_key_file(key_file));
  if (keys.size() == 1) return {};
  keys.resize(1);
  return write_key_file(key_file, keys);
}

std::string Keyring::active_prefix() const {
  // The legacy key keeps writing "v1." values: until the first rotation nothing changes on disk
  // and an older build still reads every value.
  if (keys_.front().id == kLegacyKeyId) return std::string(kLegacyPrefix);
  return std::string(kPrefix) + keys_.front().id + '.';
}

const Keyring::Key* Keyring::find(std::string_view id) const {
  for (const Key& key : keys_) {
    if (key.id == id) return &key;
  }
  return nullptr;
}

std::string Keyring::seal(std::string_view plaintext, std::string_view associated_data) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  random_nonce(bytes, kNonce);
  unsigned long long cipher_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      bytes + kNonce, &cipher_len, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(associated_data.data()),
      associated_data.size(), nullptr, bytes, keys_.front().key.data());
  out.resize(kNonce + cipher_len);
  return active_prefix() + base64url_encode(out);
}

Result<std::string> Keyring::open(std::string_view sealed,
                                  std::string_view associated_data) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  const Key* key = nullptr;
  std::string_view body;
  if (starts_with(sealed, kLegacyPrefix)) {
    key = find(kLegacyKeyId);
    body = sealed.substr(kLegacyPrefix.size());
  } else if (starts_with(sealed, kPrefix)) {
    const std::string_view rest = sealed.substr(kPrefix.size());
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos) return decrypt_failed();
    key = find(rest.substr(0, dot));
    body = rest.substr(dot + 1);
  }
  if (key == nullptr) return decrypt_failed();
  const auto raw = base64url_decode(body);
  if (!raw || raw->size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return decrypt_failed();
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw->data());
  std::string plain(raw->size() - kNonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr, bytes + kNonce,
          raw->size() - kNonce, reinterpret_cast<const unsigned char*>(associated_data.data()),
          associated_data.size(), bytes, key->key.data()) != 0) {
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
  const Key& active = keys_.front();
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     active.index_key.data(), active.index_key.size());
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace crm
