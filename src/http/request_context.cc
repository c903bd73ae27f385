// SPDX-License-Identifier: Apache-2.0
#include "http/request_context.h"

#include <utility>

#include "core/clock.h"

namespace crm::http {

RequestContext::RequestContext(std::string request_id, std::string remote_address,
                               int64_t deadline_ms)
    : request_id_(std::move(request_id)),
      remote_address_(std::move(remote_address)),
      deadline_ms_(deadline_ms) {}

void RequestContext::set_actor(Actor actor, std::set<std::string, std::less<>> permissions) {
  actor_ = std::move(actor);
  permissions_ = std::move(permissions);
}

bool RequestContext::can(std::string_view permission) const {
  return permissions_.find(permission) != permissions_.end();
}

bool RequestContext::is_expired() const { return steady_now_ms() >= deadline_ms_; }

}  // namespace crm::http
