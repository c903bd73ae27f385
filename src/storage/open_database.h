// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string_view>

#include "core/result.h"
#include "storage/database.h"

namespace crm::storage {

// Opens a database from a URL (library crm::storage_drivers; only app/ and tests use it):
//   "sqlite:<path>"  creates the parent directory and the file; "sqlite::memory:" for tests
//   "postgresql://…" or "postgres://…"  any libpq URI; connect_timeout defaults to
//                    options.busy_timeout_ms rounded up to seconds
// Errors: an unknown scheme is kInvalidInput "storage.invalid_url"; a database that cannot be
// opened or reached is kUnavailable "storage.unavailable" with a one-line message such as
// "cannot connect to PostgreSQL at host:5432/db: <libpq reason>".
Result<std::unique_ptr<Database>> open_database(std::string_view url,
                                                const DatabaseOptions& options = {});

}  // namespace crm::storage
