// SPDX-License-Identifier: Apache-2.0
#include "core/random.h"

#include <sodium.h>

#include <cstring>

#include "core/result.h"
#include "core/text.h"

namespace crm {

uint64_t Random::next_u64() {
  uint64_t value = 0;
  fill(&value, sizeof value);
  return value;
}

uint64_t Random::uniform(uint64_t bound) {
  CRM_CHECK(bound > 0);
  // Rejection sampling removes the modulo bias.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t value = 0;
  do {
    value = next_u64();
  } while (value >= limit);
  return value % bound;
}

std::string Random::hex(size_t bytes) {
  std::string raw(bytes, '\0');
  fill(raw.data(), raw.size());
  return to_hex(raw);
}

std::string Random::token(size_t bytes) {
  std::string raw(bytes, '\0');
  fill(raw.data(), raw.size());
  return base64url_encode(raw);
}

SecureRandom::SecureRandom() { CRM_CHECK(sodium_init() >= 0); }

void SecureRandom::fill(void* buffer, size_t size) { randombytes_buf(buffer, size); }

void SeededRandom::fill(void* buffer, size_t size) {
  std::lock_guard lock(mutex_);
  auto* out = static_cast<unsigned char*>(buffer);
  while (size > 0) {
    const uint64_t value = engine_();
    const size_t n = size < sizeof value ? size : sizeof value;
    std::memcpy(out, &value, n);
    out += n;
    size -= n;
  }
}

}  // namespace crm
