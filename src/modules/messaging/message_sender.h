// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "modules/messaging/message.h"

namespace crm::messaging {

// Delivers one message now, synchronously. Implementations are thread-safe. A failure is
// kUnavailable "messaging.send_failed" (safe to retry; the job worker does, with backoff); its
// `detail` names the cause but never contains the body.
class MessageSender {
 public:
  virtual ~MessageSender() = default;
  virtual Result<void> send(const Message& message) = 0;
};

}  // namespace crm::messaging
