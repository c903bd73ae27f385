// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <mutex>
#include <string>

#include "core/clock.h"
#include "modules/messaging/message_sender.h"

namespace crm::messaging {

// The development sender: appends each message as one JSON line
//   {"at":<ms>,"channel":"email"|"sms","to":"…","subject":"…","body":"…"}
// (UTF-8, not \u-escaped) to `path`, creating its folder. Thread-safe (one mutex per sender; use
// one sender per file). Not for production: the file holds codes in clear text.
class FileSender final : public MessageSender {
 public:
  FileSender(std::string path, const Clock& clock) : path_(std::move(path)), clock_(clock) {}

  Result<void> send(const Message& message) override;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  const Clock& clock_;
  std::mutex mutex_;
};

}  // namespace crm::messaging
