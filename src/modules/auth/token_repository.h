// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modules/auth/auth_types.h"
#include "storage/connection.h"

namespace crm::auth {

// SQL for table api_tokens (permissions stored as a JSON array). Stateless; storage errors.
class TokenRepository {
 public:
  Result<int64_t> insert(storage::Connection& c, const ApiToken& token,
                         std::string_view token_hash) const;
  Result<std::vector<ApiToken>> list(storage::Connection& c) const;
  Result<std::optional<ApiToken>> find(storage::Connection& c, int64_t id) const;
  // Only a token that is not revoked.
  Result<std::optional<ApiToken>> find_active_by_hash(storage::Connection& c,
                                                      std::string_view token_hash) const;
  Result<void> touch(storage::Connection& c, int64_t id, int64_t now_ms) const;
  // Sets revoked_at once; revoking a revoked token changes nothing.
  Result<void> revoke(storage::Connection& c, int64_t id, int64_t now_ms) const;
};

}  // namespace crm::auth
