// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>

#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "modules/messaging/message_sender.h"
#include "storage/connection.h"
#include "storage/job_queue.h"

namespace crm::messaging {

// The job queue messages travel through.
inline constexpr std::string_view kSendQueue = "messaging.send";

// Email and SMS for other modules (recovery codes, later campaigns and care reminders).
//
// Senders come from the configuration (messaging.*): email goes through SMTP when
// messaging.smtp_url is set, SMS through the HTTP gateway when messaging.sms_gateway_url is set;
// otherwise the channel uses the development FileSender on messaging.outbox_file (default
// data/outbox.log), and a warning is logged once at construction. Thread-safe.
class MessagingService {
 public:
  MessagingService(const Config& config, const Clock& clock, storage::JobQueue& jobs);
  ~MessagingService();
  MessagingService(const MessagingService&) = delete;
  MessagingService& operator=(const MessagingService&) = delete;

  // Queues `message` on "messaging.send" inside the caller's transaction `tx`, so it is sent iff
  // that transaction commits; returns the job id. Errors: messaging.invalid_message (kInvalidInput),
  // storage errors.
  Result<int64_t> enqueue(storage::Connection& tx, const Message& message);

  // The "messaging.send" job handler: sends the job's message through the channel's sender, then
  // blanks the payload (it may hold a one-time code); an already blanked payload is a no-op, so a
  // job run twice after a lost lease never resends. On a failed last attempt the payload is
  // blanked too, so dead jobs keep no codes. A send failure is returned for the worker to retry.
  Result<void> deliver(const storage::Job& job);

  // The sender of `channel`; for tests and diagnostics.
  MessageSender& sender(Channel channel);
  bool uses_file_sender(Channel channel) const;
  // Logs a warning when a channel goes to the development file sender (the server does this at
  // start; other commands send nothing and stay quiet).
  void warn_if_development_sender() const;

 private:
  storage::JobQueue& jobs_;
  std::unique_ptr<MessageSender> email_;
  std::unique_ptr<MessageSender> sms_;
  std::shared_ptr<MessageSender> file_;  // shared when both channels use it
  std::string outbox_path_;
  bool email_to_file_ = false;
  bool sms_to_file_ = false;
};

}  // namespace crm::messaging
