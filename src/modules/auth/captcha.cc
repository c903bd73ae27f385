// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/captcha.h"

#include "core/crypto.h"
#include "core/text.h"
#include "modules/auth/captcha_image.h"

namespace crm::auth {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr size_t kLength = 5;

std::string answer_hash(std::string_view id, std::string_view answer) {
  return sha256_hex(std::string(id) + ":" + to_lower_ascii(trim(answer)));
}

Error captcha_invalid() {
  return invalid_input("auth.captcha_invalid",
                       "The captcha is wrong, used or expired; load a new one.", "captcha");
}

}  // namespace

CaptchaService::CaptchaService(storage::Database& db, const Clock& clock, Random& random,
                               std::optional<std::string> test_answer)
    : db_(db), clock_(clock), random_(random), test_answer_(std::move(test_answer)) {}

Result<Captcha> CaptchaService::create() {
  std::string answer;
  if (test_answer_) {
    answer = *test_answer_;
  } else {
    for (size_t i = 0; i < kLength; ++i) answer += kAlphabet[random_.uniform(kAlphabet.size())];
  }
  CRM_TRY_ASSIGN(std::string png, render_captcha_png(answer, random_));
  Captcha captcha{random_.token(16), "data:image/png;base64," + base64_encode(png)};
  const int64_t now = clock_.now_ms();
  Result<void> written = db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY(tx.execute("DELETE FROM captchas WHERE expires_at_ms < ?", now));
    CRM_TRY(tx.execute("INSERT INTO captchas (id, answer_hash, expires_at_ms, used) "
                       "VALUES (?, ?, ?, 0)",
                       captcha.id, answer_hash(captcha.id, answer), now + kCaptchaTtlMs));
    return {};
  });
  if (!written) return std::move(written).error();
  return captcha;
}

Result<void> CaptchaService::verify(std::string_view id, std::string_view answer) {
  if (id.empty() || id.size() > 64) return captcha_invalid();
  // Marking it used and reading it is one statement, so two nodes cannot both accept it.
  CRM_TRY_ASSIGN(std::optional<storage::Row> row, db_.transaction([&](storage::Connection& tx) {
    return tx.query_optional("UPDATE captchas SET used = 1 WHERE id = ? AND used = 0 "
                             "RETURNING answer_hash, expires_at_ms",
                             id);
  }));
  if (!row) return captcha_invalid();
  const bool fresh = clock_.now_ms() < row->get_int(1);
  const bool right = constant_time_equal(row->get_string(0), answer_hash(id, answer));
  if (!fresh || !right) return captcha_invalid();
  return {};
}

}  // namespace crm::auth
