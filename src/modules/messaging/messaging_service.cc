// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/messaging_service.h"

#include "core/log.h"
#include "modules/messaging/file_sender.h"
#include "modules/messaging/sms_gateway_sender.h"
#include "modules/messaging/smtp_sender.h"

namespace crm::messaging {

MessagingService::MessagingService(const Config& config, const Clock& clock,
                                   storage::JobQueue& jobs)
    : jobs_(jobs) {
  const std::string smtp_url = config.get_or("messaging.smtp_url", "");
  const std::string sms_url = config.get_or("messaging.sms_gateway_url", "");
  if (!smtp_url.empty()) {
    email_ = std::make_unique<SmtpSender>(
        SmtpOptions{.url = smtp_url,
                    .user = config.get_or("messaging.smtp_user", ""),
                    .password = config.get_or("messaging.smtp_password", ""),
                    .mail_from = config.get_or("messaging.mail_from", "shopcrm@localhost")},
        clock);
  }
  if (!sms_url.empty()) {
    std::string body_template = config.get_or("messaging.sms_template", "");
    if (body_template.empty()) body_template = std::string(kDefaultSmsTemplate);
    sms_ = std::make_unique<SmsGatewaySender>(
        SmsGatewayOptions{.url = sms_url, .body_template = std::move(body_template)});
  }
  email_to_file_ = email_ == nullptr;
  sms_to_file_ = sms_ == nullptr;
  if (email_to_file_ || sms_to_file_) {
    const std::string path = config.get_or("messaging.outbox_file", "data/outbox.log");
    outbox_path_ = path;
    file_ = std::make_shared<FileSender>(path, clock);
  }
}

MessagingService::~MessagingService() = default;

void MessagingService::warn_if_development_sender() const {
  if (!email_to_file_ && !sms_to_file_) return;
  log::warn("messaging.development_sender",
            {{"file", outbox_path_},
             {"email", email_to_file_ ? "file" : "smtp"},
             {"sms", sms_to_file_ ? "file" : "gateway"},
             {"hint", "set messaging.smtp_url / messaging.sms_gateway_url for real delivery"}});
}

MessageSender& MessagingService::sender(Channel channel) {
  if (channel == Channel::kEmail) return email_to_file_ ? *file_ : *email_;
  return sms_to_file_ ? *file_ : *sms_;
}

bool MessagingService::uses_file_sender(Channel channel) const {
  return channel == Channel::kEmail ? email_to_file_ : sms_to_file_;
}

Result<int64_t> MessagingService::enqueue(storage::Connection& tx, const Message& message) {
  CRM_TRY(validate(message));
  return jobs_.enqueue(tx, kSendQueue, dump_json(to_json(message)));
}

Result<void> MessagingService::deliver(const storage::Job& job) {
  auto payload = parse_json(job.payload);
  if (!payload) return internal_error("messaging.send job payload is not JSON");
  CRM_TRY_ASSIGN(std::optional<Message> message, message_from_json(*payload));
  if (!message) return {};  // blanked: already delivered

  Result<void> sent = sender(message->channel).send(*message);
  const bool last_attempt = job.attempts >= job.max_attempts;
  if (sent || last_attempt) {
    if (auto cleared = jobs_.clear_payload(job.id); !cleared) {
      // The message went out; retrying the job would send it again. The code expires anyway.
      log::warn("messaging.clear_payload_failed",
                {{"job_id", job.id}, {"code", cleared.error().code}});
    }
  }
  if (sent) {
    log::info("messaging.sent", {{"job_id", job.id}, {"channel", to_string(message->channel)}});
  }
  return sent;
}

}  // namespace crm::messaging
