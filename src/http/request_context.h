// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace crm::http {

// Who is making a request; filled by the auth module's authenticator.
struct Actor {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  int64_t department_id = 0;
  std::string data_scope = "own";
  bool is_api_token = false;
  int64_t token_id = 0;
};

// Per-request state that is not part of the wire request: the request id, the actor and their
// permissions, the deadline and free attribute slots for middleware. Built by the server for each
// request (or by Request::for_test); owned by the Request; not thread-safe (one request, one
// thread at a time).
class RequestContext {
 public:
  RequestContext() = default;
  // `deadline_ms` is on the steady clock (crm::steady_now_ms()).
  RequestContext(std::string request_id, std::string remote_address, int64_t deadline_ms);

  const std::string& request_id() const { return request_id_; }
  const std::optional<Actor>& actor() const { return actor_; }
  void set_actor(Actor actor, std::set<std::string, std::less<>> permissions);

  // True if the actor's permissions contain `permission`.
  bool can(std::string_view permission) const;
  const std::set<std::string, std::less<>>& permissions() const { return permissions_; }

  int64_t deadline_ms() const { return deadline_ms_; }
  bool is_expired() const;

  const std::string& remote_address() const { return remote_address_; }
  // The matched route's pattern ("/api/v1/customers/{id}"); empty until the router matched.
  const std::string& route_pattern() const { return route_pattern_; }
  void set_route_pattern(std::string pattern) { route_pattern_ = std::move(pattern); }

  std::map<std::string, std::string>& attributes() { return attributes_; }
  const std::map<std::string, std::string>& attributes() const { return attributes_; }

 private:
  std::string request_id_;
  std::string remote_address_;
  int64_t deadline_ms_ = INT64_MAX;
  std::string route_pattern_;
  std::optional<Actor> actor_;
  std::set<std::string, std::less<>> permissions_;
  std::map<std::string, std::string> attributes_;
};

}  // namespace crm::http
