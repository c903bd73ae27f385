// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include "core/result.h"
#include "http/request.h"
#include "modules/auth/session_service.h"

namespace crm::auth {

// The router's authenticator (http::Router::set_authenticator), run for every non-public route:
//  - `Authorization: Bearer scrm_…` → the API token's principal (no CSRF check);
//  - else the `shopcrm_session` cookie → the session's principal; for POST, PUT, PATCH and
//    DELETE the `X-CSRF-Token` header must equal the session's token (403 auth.csrf_invalid);
//  - else 401 auth.required.
// Sets the request's actor and permissions, and attributes "session_id" and "csrf_token" for a
// session. `sessions` must outlive the router.
std::function<Result<void>(http::Request&)> make_authenticator(SessionService& sessions);

}  // namespace crm::auth
