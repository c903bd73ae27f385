// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "modules/messaging/messaging_service.h"
#include "modules/module.h"

namespace crm::messaging {

// Outgoing email and SMS: no tables, no routes; registers the "messaging.send" job handler.
// Other modules get service() as a constructor argument and enqueue inside their transactions.
class MessagingModule final : public modules::Module {
 public:
  explicit MessagingModule(modules::ModuleContext& context)
      : service_(context.config, context.clock, context.jobs) {}

  std::string_view name() const override { return "messaging"; }
  void subscribe(storage::EventBus& events, storage::Worker& worker) override;

  MessagingService& service() { return service_; }

 private:
  MessagingService service_;
};

}  // namespace crm::messaging
