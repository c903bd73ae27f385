// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/authenticator.h"

#include "core/crypto.h"
#include "core/text.h"

namespace crm::auth {

namespace {

bool is_state_changing(http::Method method) {
  return method == http::Method::kPost || method == http::Method::kPut ||
         method == http::Method::kPatch || method == http::Method::kDelete;
}

Result<void> authenticate(SessionService& sessions, http::Request& request) {
  Principal principal;
  if (auto authorization = request.header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->size() <= kBearer.size() ||
        !http::iequals(authorization->substr(0, kBearer.size()), kBearer)) {
      return Error{ErrorKind::kUnauthenticated, "auth.required", "Please log in."};
    }
    CRM_TRY_ASSIGN(principal,
                   sessions.authenticate_token(trim(authorization->substr(kBearer.size()))));
  } else if (auto cookie = request.cookie(kSessionCookie)) {
    CRM_TRY_ASSIGN(principal, sessions.authenticate_session(*cookie));
    if (is_state_changing(request.method())) {
      const auto sent = request.header("X-CSRF-Token");
      if (!sent || !constant_time_equal(*sent, principal.csrf_token)) {
        return forbidden("auth.csrf_invalid",
                         "The request lacks a valid CSRF token; reload the page.");
      }
    }
    request.context().attributes()["session_id"] = principal.session_id;
    request.context().attributes()["csrf_token"] = principal.csrf_token;
  } else {
    return Error{ErrorKind::kUnauthenticated, "auth.required", "Please log in."};
  }
  const User& user = principal.user;
  http::Actor actor{.user_id = user.id,
                    .username = user.username,
                    .display_name = principal.token_id ? principal.token_name : user.display_name,
                    .department_id = 0,
                    .data_scope = user.data_scope,
                    .is_api_token = principal.token_id.has_value(),
                    .token_id = principal.token_id.value_or(0)};
  request.context().set_actor(std::move(actor), std::move(principal.permissions));
  return {};
}

}  // namespace

std::function<Result<void>(http::Request&)> make_authenticator(SessionService& sessions) {
  return [&sessions](http::Request& request) { return authenticate(sessions, request); };
}

}  // namespace crm::auth
