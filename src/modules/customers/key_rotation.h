// SPDX-License-Identifier: Apache-2.0
// Re-encryption after a key rotation (`shopcrm keys rotate`): every sealed customer value is
// opened with whichever key sealed it and sealed again under the keyring's active key, and every
// blind index is recomputed with the active key. Batches of rows, one transaction each; rows
// already under the active key are skipped, so a run interrupted at any point simply runs again.
#pragma once

#include <cstdint>

#include "core/keyring.h"
#include "core/result.h"
#include "storage/database.h"

namespace crm::customers {

// Re-seals up to `batch` customers whose sealed columns are not all under the active key (found
// by the "v2.<active id>." prefix) in one transaction. Returns how many rows it re-sealed; 0 when
// none is left.
Result<int64_t> reseal_customers(storage::Database& db, const Keyring& keyring, int batch);

// Re-seals the sealed values and blind indexes in the "before" snapshots of customer_merges
// (undo writes them back), `batch` merge rows per transaction, all rows. Returns how many merge
// rows changed.
Result<int64_t> reseal_merge_snapshots(storage::Database& db, const Keyring& keyring, int batch);

}  // namespace crm::customers
