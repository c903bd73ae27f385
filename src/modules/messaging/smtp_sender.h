// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "modules/messaging/message_sender.h"

namespace crm::messaging {

struct SmtpOptions {
  std::string url;        // smtps://smtp.example.com:465 (implicit TLS) or smtp://host:587 (STARTTLS)
  std::string user;       // empty: no authentication
  std::string password;
  std::string mail_from;  // "noreply@example.com" or "shopcrm <noreply@example.com>"
  int64_t connect_timeout_ms = 10'000;
  int64_t timeout_ms = 30'000;
};

// Sends email through an SMTP server with libcurl. With a user set, TLS is required (implicit
// for smtps://, STARTTLS for smtp://); without one, STARTTLS is used when offered. Thread-safe
// (one curl handle per send). Errors: messaging.send_failed (kUnavailable, curl's reason in
// detail), messaging.invalid_message for a non-email message.
class SmtpSender final : public MessageSender {
 public:
  SmtpSender(SmtpOptions options, const Clock& clock);
  Result<void> send(const Message& message) override;

 private:
  SmtpOptions options_;
  const Clock& clock_;
  std::string from_address_;
  std::atomic<uint64_t> sequence_{0};
};

// The bare address of "Name <addr>" or "addr".
std::string envelope_address(std::string_view mail_from);

// The RFC 5322 message (CRLF line ends): Date, From, To, Subject (an RFC 2047 =?UTF-8?B?…?=
// encoded word per <= 45 bytes of non-ASCII text, folded), Message-ID, MIME-Version and a
// base64 text/plain UTF-8 body in 76-column lines. `message_id` is without angle brackets.
std::string format_email(const Message& message, std::string_view mail_from, int64_t date_ms,
                         std::string_view message_id);

// "Sun, 22 Nov 2026 18:16:19 +0000".
std::string rfc5322_date(int64_t ms);

// The header value of `text`: unchanged when printable ASCII, else RFC 2047 encoded words.
std::string encode_header_text(std::string_view text);

}  // namespace crm::messaging
