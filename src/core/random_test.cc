// SPDX-License-Identifier: Apache-2.0
#include "core/random.h"

#include <gtest/gtest.h>

#include <set>

namespace crm {
namespace {

TEST(Random, SeededRandomIsDeterministic) {
  SeededRandom a(7);
  SeededRandom b(7);
  EXPECT_EQ(a.hex(16), b.hex(16));
}

TEST(Random, SecureTokensDoNotRepeat) {
  SecureRandom random;
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(random.token(24));
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(random.token(24).size(), 32u);
}

TEST(Random, UniformStaysInBounds) {
  SeededRandom random(1);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(random.uniform(6), 6u);
}

}  // namespace
}  // namespace crm
