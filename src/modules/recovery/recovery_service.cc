// SPDX-License-Identifier: Apache-2.0
#include "modules/recovery/recovery_service.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/log.h"
#include "core/text.h"
#include "modules/recovery/recovery_code.h"

namespace crm::recovery {

namespace {

constexpr size_t kMaxIdentifierLength = 128;
constexpr int64_t kKeepResetsMs = 30LL * 24 * 60 * 60 * 1000;

Error code_invalid() {
  return invalid_input("auth.code_invalid", "The code is wrong, expired or already used.", "code");
}

size_t count_code_points(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xc0) != 0x80;
  return n;
}

// Case and surrounding spaces do not make a different identifier for the rate limit.
std::string identifier_hash(std::string_view identifier) {
  return sha256_hex(to_lower_ascii(identifier));
}

int64_t retry_after_s(const WindowCount& window, int64_t window_ms, int64_t now_ms) {
  const int64_t wait_ms = window.oldest_at_ms + window_ms - now_ms;
  return std::max<int64_t>(1, (wait_ms + 999) / 1000);
}

// What the first confirm transaction found; errors would roll back the attempt count.
struct CodeCheck {
  bool valid = false;
  int64_t reset_id = 0;
  AccountContact account;
};

}  // namespace

Result<RequestDecision> RecoveryService::request(const CodeRequest& input) {
  const std::string identifier(trim(input.identifier));
  if (identifier.empty()) {
    return invalid_input("validation.required", "Enter a username, phone or email.", "identifier");
  }
  if (count_code_points(identifier) > kMaxIdentifierLength || !is_valid_utf8(identifier)) {
    return invalid_input("validation.too_long", "The identifier is at most 128 characters.",
                         "identifier");
  }
  CRM_TRY(accounts_.verify_captcha(input.captcha_id, input.captcha));

  const int64_t now = clock_.now_ms();
  const std::string hash = identifier_hash(identifier);
  return db_.transaction([&](storage::Connection& tx) -> Result<RequestDecision> {
    CRM_TRY(repository_.lock_requests(tx));
    CRM_TRY(repository_.prune(tx, now - limits_.ip_window_ms, now - kKeepResetsMs));
    CRM_TRY_ASSIGN(WindowCount by_identifier,
                   repository_.count_by_identifier(tx, hash, now - limits_.identifier_window_ms));
    if (by_identifier.count >= limits_.identifier_max) {
      return RequestDecision{false, retry_after_s(by_identifier, limits_.identifier_window_ms, now)};
    }
    CRM_TRY_ASSIGN(WindowCount by_ip,
                   repository_.count_by_ip(tx, input.ip, now - limits_.ip_window_ms));
    if (by_ip.count >= limits_.ip_max) {
      return RequestDecision{false, retry_after_s(by_ip, limits_.ip_window_ms, now)};
    }
    CRM_TRY(repository_.insert_request(tx, hash, input.ip, now));

    CRM_TRY_ASSIGN(std::optional<AccountContact> account, accounts_.find_account(tx, identifier));
    if (!account || !account->active) return RequestDecision{};
    const std::optional<Delivery> delivery = choose_delivery(identifier, *account);
    if (!delivery) {
      log::info("recovery.no_contact", {{"user_id", account->user_id}});
      return RequestDecision{};
    }

    const std::string code = generate_code(random_);
    const bool email = delivery->channel == DeliveryChannel::kEmail;
    CRM_TRY(repository_.expire_unused(tx, account->user_id, now));
    CRM_TRY_ASSIGN(int64_t reset_id,
                   repository_.insert_reset(tx, {.user_id = account->user_id,
                                                 .code_hash = hash_code(account->user_id, code),
                                                 .channel = email ? "email" : "sms",
                                                 .destination_masked = mask_destination(*delivery),
                                                 .expires_at_ms = now + kCodeTtlMs,
                                                 .created_at_ms = now,
                                                 .ip = input.ip}));
    CRM_TRY(messaging_.enqueue(
        tx, {.channel = email ? messaging::Channel::kEmail : messaging::Channel::kSms,
             .to = delivery->destination,
             .subject = email ? code_message_subject() : std::string(),
             .body = code_message_body(code)}));
    log::info("recovery.code_sent", {{"user_id", account->user_id}, {"reset_id", reset_id},
                                     {"channel", email ? "email" : "sms"}});
    return RequestDecision{};
  });
}

Result<void> RecoveryService::confirm(const CodeConfirmation& input) {
  const std::string identifier(trim(input.identifier));
  if (identifier.empty() || count_code_points(identifier) > kMaxIdentifierLength ||
      !is_code_format(input.code)) {
    return code_invalid();
  }

  // 1. Check the code; a wrong guess is counted and committed.
  CRM_TRY_ASSIGN(CodeCheck check, db_.transaction([&](storage::Connection& tx) -> Result<CodeCheck> {
    const int64_t now = clock_.now_ms();
    CRM_TRY_ASSIGN(std::optional<AccountContact> account, accounts_.find_account(tx, identifier));
    if (!account || !account->active) return CodeCheck{};
    CRM_TRY_ASSIGN(std::optional<LiveReset> live,
                   repository_.find_live(tx, account->user_id, now, kMaxAttempts));
    if (!live) return CodeCheck{};
    if (!constant_time_equal(live->code_hash, hash_code(account->user_id, input.code))) {
      CRM_TRY(repository_.add_attempt(tx, live->id));
      log::info("recovery.code_wrong",
                {{"user_id", account->user_id}, {"attempts", live->attempts + 1}});
      return CodeCheck{};
    }
    return CodeCheck{true, live->id, std::move(*account)};
  }));
  if (!check.valid) return code_invalid();

  // 2. Policy and Argon2id outside any transaction; a weak password leaves the code usable.
  CRM_TRY_ASSIGN(const std::string password_hash,
                 accounts_.hash_new_password(check.account.username, input.new_password,
                                             "new_password"));

  // 3. Use the code (if it is still live), set the password, audit: all or nothing.
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(bool used,
                   repository_.mark_used(tx, check.reset_id, clock_.now_ms(), kMaxAttempts));
    if (!used) return code_invalid();
    audit::AuditEntry entry{.actor_id = check.account.user_id,
                            .actor_name = check.account.username,
                            .action = "user.password_recovered",
                            .target_type = "user",
                            .target_id = std::to_string(check.account.user_id),
                            .changes = Json{{"reset_id", check.reset_id}},
                            .ip = input.ip,
                            .request_id = input.request_id};
    CRM_TRY(accounts_.set_password_hash(tx, check.account.user_id, password_hash, entry));
    CRM_TRY(audit_.record(tx, entry));
    log::info("recovery.password_reset", {{"user_id", check.account.user_id}});
    return {};
  });
}

}  // namespace crm::recovery
