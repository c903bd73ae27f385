// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace crm {

// Randomness, injected so tests are deterministic. SecureRandom is cryptographically strong
// (libsodium) and is what the server uses for ids, tokens and codes. Thread-safe.
class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(void* buffer, size_t size) = 0;

  uint64_t next_u64();
  // A uniformly distributed integer in [0, bound); bound > 0.
  uint64_t uniform(uint64_t bound);
  // `bytes` random bytes as lowercase hex (2 * bytes characters).
  std::string hex(size_t bytes);
  // `bytes` random bytes as unpadded base64url: session ids, tokens.
  std::string token(size_t bytes);
};

class SecureRandom final : public Random {
 public:
  SecureRandom();
  void fill(void* buffer, size_t size) override;
};

// Deterministic, for tests and the demo data generator; not for secrets.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}
  void fill(void* buffer, size_t size) override;

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

}  // namespace crm
