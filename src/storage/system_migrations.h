// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>

#include "storage/migration.h"

namespace crm::migrations {

// storage's own tables (module "system"): jobs, outbox_events, idempotency_keys. Apply first.
std::span<const storage::MigrationFile> system();

}  // namespace crm::migrations
