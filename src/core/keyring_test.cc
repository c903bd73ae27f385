// SPDX-License-Identifier: Apache-2.0
#include "core/keyring.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/text.h"

namespace crm {
namespace {

TEST(Keyring, SealOpenRoundTrip) {
  const Keyring keyring = Keyring::for_test("a");
  const std::string sealed = keyring.seal("13800138000", "customers.phone");
  EXPECT_TRUE(starts_with(sealed, "v1."));
  EXPECT_EQ(sealed.find("13800138000"), std::string::npos);
  EXPECT_NE(sealed, keyring.seal("13800138000", "customers.phone"));  // random nonce
  auto opened = keyring.open(sealed, "customers.phone");
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, "13800138000");
  EXPECT_EQ(*keyring.open(keyring.seal("", "x"), "x"), "");
}

TEST(Keyring, TamperedWrongPlaceOrWrongKeyFails) {
  const Keyring keyring = Keyring::for_test("a");
  std::string sealed = keyring.seal("secret", "customers.email");
  EXPECT_EQ(keyring.open(sealed, "customers.phone").error().code, "keyring.decrypt_failed");
  EXPECT_FALSE(Keyring::for_test("b").open(sealed, "customers.email"));
  sealed[sealed.size() - 3] = sealed[sealed.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(keyring.open(sealed, "customers.email"));
  EXPECT_FALSE(keyring.open("garbage", "customers.email"));
  EXPECT_FALSE(keyring.open("v1.AAAA", "customers.email"));
}

TEST(Keyring, BlindIndexIsStableAndKeyed) {
  const Keyring a = Keyring::for_test("a");
  EXPECT_EQ(a.blind_index("phone", "13800138000"), Keyring::for_test("a").blind_index("phone", "13800138000"));
  EXPECT_EQ(a.blind_index("phone", "13800138000").size(), 64u);
  EXPECT_NE(a.blind_index("phone", "13800138000"), a.blind_index("phone", "13800138001"));
  EXPECT_NE(a.blind_index("phone", "x"), a.blind_index("email", "x"));
  EXPECT_NE(a.blind_index("phone", "13800138000"),
            Keyring::for_test("b").blind_index("phone", "13800138000"));
}

TEST(Keyring, CreatesKeyFileOnceThenReadsIt) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("keyring_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string file = (dir / "sub" / "shopcrm.key").string();
  bool created = false;
  auto first = Keyring::load_or_create(file, std::nullopt, &created);
  ASSERT_TRUE(first);
  EXPECT_TRUE(created);
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(info.st_size, 32);
  const std::string sealed = first->seal("x", "ad");
  auto second = Keyring::load_or_create(file, std::nullopt, &created);
  ASSERT_TRUE(second);
  EXPECT_FALSE(created);
  EXPECT_EQ(*second->open(sealed, "ad"), "x");

  std::ofstream(file, std::ios::trunc | std::ios::binary) << "short";
  EXPECT_EQ(Keyring::load_or_create(file, std::nullopt, &created).error().code,
            "keyring.invalid_key");
  std::filesystem::remove_all(dir);
}

TEST(Keyring, KeyFromBase64) {
  const std::string key = base64url_encode(std::string(32, 'k'));
  bool created = true;
  auto keyring = Keyring::load_or_create("/nonexistent/never", key, &created);
  ASSERT_TRUE(keyring);
  EXPECT_FALSE(created);
  EXPECT_EQ(Keyring::load_or_create("/nonexistent/never", base64url_encode("short"), nullptr)
                .error().code, "keyring.invalid_key");
  EXPECT_FALSE(Keyring::load_or_create("/nonexistent/never", std::string("!!!"), nullptr));
}

}  // namespace
}  // namespace crm
