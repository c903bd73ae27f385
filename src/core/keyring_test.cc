// SPDX-License-Identifier: Apache-2.0
#include "core/keyring.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

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

// The 24-byte nonce that starts a sealed value (base64url of nonce + ciphertext after "v1.").
std::string nonce_of(const std::string& sealed) {
  auto raw = base64url_decode(std::string_view(sealed).substr(3));
  return raw ? raw->substr(0, 24) : std::string();
}

TEST(Keyring, NoncesNeverRepeatAcrossBuffersThreadsAndForks) {
  const Keyring keyring = Keyring::for_test("a");
  std::set<std::string> nonces;
  for (int i = 0; i < 1000; ++i) nonces.insert(nonce_of(keyring.seal("x", "p")));  // ~6 buffers
  std::vector<std::string> other;
  std::thread thread([&] {
    for (int i = 0; i < 300; ++i) other.push_back(nonce_of(keyring.seal("x", "p")));
  });
  thread.join();
  nonces.insert(other.begin(), other.end());
  EXPECT_EQ(nonces.size(), 1300u);

  // A child process does not continue its parent's buffer.
  keyring.seal("x", "p");  // the buffer is in use in the parent
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string nonce = nonce_of(keyring.seal("x", "p"));
    (void)!write(fds[1], nonce.data(), nonce.size());
    _exit(0);
  }
  close(fds[1]);
  const std::string mine = nonce_of(keyring.seal("x", "p"));
  std::string theirs(24, '\0');
  EXPECT_EQ(read(fds[0], theirs.data(), theirs.size()), 24);
  close(fds[0]);
  waitpid(child, nullptr, 0);
  EXPECT_NE(mine, theirs);
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

TEST(Keyring, LegacyValuesOpenInEitherSpelling) {
  const Keyring keyring = Keyring::for_test("a");
  // The legacy key writes "v1." (what builds before key ids wrote); "v2.0." names the same key.
  const std::string legacy = keyring.seal("13800138000", "customers.phone");
  ASSERT_TRUE(starts_with(legacy, "v1."));
  EXPECT_EQ(keyring.active_prefix(), "v1.");
  const std::string named = "v2.0." + legacy.substr(3);
  EXPECT_EQ(*keyring.open(named, "customers.phone"), "13800138000");
  EXPECT_FALSE(Keyring::for_test("b").open(legacy, "customers.phone"));
}

class KeyFileTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keyring_rotation_" + std::to_string(::getpid()) + "_" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    file_ = (dir_ / "shopcrm.key").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Keyring load() {
    auto keyring = Keyring::load_or_create(file_, std::nullopt, nullptr);
    EXPECT_TRUE(keyring) << keyring.error().message << keyring.error().detail;
    return std::move(keyring).value();
  }

  std::filesystem::path dir_;
  std::string file_;
};

TEST_F(KeyFileTest, RotationAddsAnActiveKeyKeepsTheOldOneThenRetiresIt) {
  bool created = false;
  ASSERT_TRUE(Keyring::load_or_create(file_, std::nullopt, &created));
  ASSERT_TRUE(created);
  const Keyring old_ring = load();
  const std::string old_value = old_ring.seal("lilei@example.com", "customers.email");
  const std::string old_index = old_ring.blind_index("email", "lilei@example.com");

  auto began = Keyring::begin_rotation(file_);
  ASSERT_TRUE(began);
  EXPECT_TRUE(*began);
  struct stat info {};
  ASSERT_EQ(::stat(file_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  const Keyring both = load();
  EXPECT_EQ(both.key_count(), 2u);
  EXPECT_NE(both.active_key_id(), old_ring.active_key_id());
  EXPECT_EQ(*both.open(old_value, "customers.email"), "lilei@example.com");  // old key kept
  const std::string new_value = both.seal("lilei@example.com", "customers.email");
  EXPECT_TRUE(starts_with(new_value, both.active_prefix()));
  EXPECT_FALSE(starts_with(old_value, both.active_prefix()));
  EXPECT_NE(both.blind_index("email", "lilei@example.com"), old_index);  // active key's index

  // An interrupted rotation resumes with the same active key instead of making a third one.
  auto again = Keyring::begin_rotation(file_);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ(load().active_key_id(), both.active_key_id());

  ASSERT_TRUE(Keyring::retire_previous_keys(file_));
  const Keyring after = load();
  EXPECT_EQ(after.key_count(), 1u);
  EXPECT_EQ(after.active_key_id(), both.active_key_id());
  EXPECT_EQ(*after.open(new_value, "customers.email"), "lilei@example.com");
  EXPECT_EQ(after.open(old_value, "customers.email").error().code, "keyring.decrypt_failed");
  EXPECT_EQ(after.blind_index("email", "lilei@example.com"),
            both.blind_index("email", "lilei@example.com"));
  EXPECT_FALSE(std::filesystem::exists(file_ + ".new"));
}

TEST_F(KeyFileTest, WrongOrUnknownKeyIdAndTamperedValuesFail) {
  ASSERT_TRUE(Keyring::load_or_create(file_, std::nullopt, nullptr));
  ASSERT_TRUE(Keyring::begin_rotation(file_));
  const Keyring keyring = load();
  std::string sealed = keyring.seal("secret", "customers.phone");
  // The same ciphertext under the other key's id: authenticated decryption fails.
  const std::string body = sealed.substr(keyring.active_prefix().size());
  EXPECT_FALSE(keyring.open("v2.0." + body, "customers.phone"));
  EXPECT_FALSE(keyring.open("v2.ffffffff." + body, "customers.phone"));
  EXPECT_FALSE(keyring.open("v2." + body, "customers.phone"));
  EXPECT_FALSE(keyring.open("v3.0." + body, "customers.phone"));
  sealed[sealed.size() - 2] = sealed[sealed.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(keyring.open(sealed, "customers.phone").error().code, "keyring.decrypt_failed");
}

TEST_F(KeyFileTest, MalformedV2FilesAreRefused) {
  std::filesystem::create_directories(dir_);
  const std::string key = base64url_encode(std::string(32, 'k'));
  for (const std::string& text :
       {std::string("shopcrm-keyring v2\n"), "shopcrm-keyring v2\nab.c " + key + "\n",
        "shopcrm-keyring v2\nab " + key + "\nab " + key + "\n",
        "shopcrm-keyring v2\nab " + base64url_encode("short") + "\n",
        std::string("shopcrm-keyring v2\nab\n")}) {
    std::ofstream(file_, std::ios::trunc | std::ios::binary) << text;
    EXPECT_EQ(Keyring::load_or_create(file_, std::nullopt, nullptr).error().code,
              "keyring.invalid_key") << text;
  }
  std::ofstream(file_, std::ios::trunc | std::ios::binary)
      << "shopcrm-keyring v2\nab " << key << "\ncd " << base64url_encode(std::string(32, 'j'))
      << "\n";
  const Keyring keyring = load();
  EXPECT_EQ(keyring.active_key_id(), "ab");
  EXPECT_EQ(keyring.key_count(), 2u);
}

}  // namespace
}  // namespace crm
