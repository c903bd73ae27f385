// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/messaging_module.h"

namespace crm::messaging {

void MessagingModule::subscribe(storage::EventBus& /*events*/, storage::Worker& worker) {
  service_.warn_if_development_sender();
  worker.register_handler(std::string(kSendQueue),
                          [this](const storage::Job& job) { return service_.deliver(job); });
}

}  // namespace crm::messaging
