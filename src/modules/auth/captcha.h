// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/random.h"
#include "core/result.h"
#include "storage/database.h"

namespace crm::auth {

inline constexpr int64_t kCaptchaTtlMs = 2 * 60 * 1000;

struct Captcha {
  std::string id;     // random, 16 bytes base64url
  std::string image;  // "data:image/png;base64,…"
};

// Image captchas kept in the database (table captchas) so that every node of a cluster can check
// one another node issued. Answers are 5 characters of an unambiguous alphabet (no 0/O/1/I/l),
// compared case-insensitively, stored only as a salted SHA-256; each captcha expires after 2
// minutes and can be checked once (a wrong answer also uses it up). Thread-safe.
class CaptchaService {
 public:
  // `test_answer` (config auth.test_captcha, from `serve --test-captcha`) makes every answer
  // fixed, so that API tests can log in; the app refuses it unless listening on loopback.
  CaptchaService(storage::Database& db, const Clock& clock, Random& random,
                 std::optional<std::string> test_answer);

  // A new captcha; also deletes expired ones. Errors: storage errors, auth.captcha_render_failed.
  Result<Captcha> create();

  // Uses up captcha `id` and checks `answer`. Errors: kInvalidInput auth.captcha_invalid (field
  // "captcha") when the id is unknown, used, expired or the answer is wrong; storage errors.
  Result<void> verify(std::string_view id, std::string_view answer);

 private:
  storage::Database& db_;
  const Clock& clock_;
  Random& random_;
  std::optional<std::string> test_answer_;
};

}  // namespace crm::auth
