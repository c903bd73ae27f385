// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/password_policy.h"

#include <gtest/gtest.h>

#include "modules/auth/password_hasher.h"

namespace crm::auth {
namespace {

std::string rule_of(std::string_view username, std::string_view password, int min = 10,
                    int classes = 3) {
  auto checked = check_password(username, password, min, classes, "new_password");
  if (checked) return "ok";
  EXPECT_EQ(checked.error().code, "auth.weak_password");
  EXPECT_EQ(checked.error().field, "new_password");
  return checked.error().message;
}

TEST(PasswordPolicy, NamesTheBrokenRule) {
  EXPECT_EQ(rule_of("wang", "Abc-12345x"), "ok");
  EXPECT_NE(rule_of("wang", "Ab-1").find("too short"), std::string::npos);
  EXPECT_NE(rule_of("wang", "abcdefghijkl").find("at least 3 of"), std::string::npos);
  EXPECT_NE(rule_of("wang", "xxWANG-2024y").find("username"), std::string::npos);
  EXPECT_NE(rule_of("wang", "Password123", 8).find("common"), std::string::npos);
  EXPECT_NE(rule_of("wang", "WoAiNi1314", 8, 2).find("common"), std::string::npos);
  EXPECT_NE(rule_of("wang", std::string(129, 'a') + "B1").find("too long"), std::string::npos);
  EXPECT_EQ(rule_of("wang", "pqlmzrtk", 8, 1), "ok");
}

TEST(PasswordPolicy, CommonListIsCaseInsensitive) {
  EXPECT_TRUE(is_common_password("QWERTY"));
  EXPECT_TRUE(is_common_password("5201314"));
  EXPECT_TRUE(is_common_password("1qaz2wsx"));
  EXPECT_FALSE(is_common_password("Tr0ub4dor&3x"));
}

TEST(PasswordHasher, HashesWithArgon2idAndVerifies) {
  PasswordHasher hasher(2, PasswordHasher::Strength::kFastForTests);
  auto hash = hasher.hash("Correct-Horse-9");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(hasher.verify(*hash, "Correct-Horse-9"));
  EXPECT_FALSE(hasher.verify(*hash, "correct-horse-9"));
  EXPECT_FALSE(hasher.verify("not a hash", "x"));
  auto second = hasher.hash("Correct-Horse-9");
  EXPECT_NE(*hash, *second);  // salted
}

}  // namespace
}  // namespace crm::auth
