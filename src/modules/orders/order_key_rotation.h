// SPDX-License-Identifier: Apache-2.0
// Re-encryption of order receivers after a key rotation (`shopcrm keys rotate`; the customers'
// part is customers/key_rotation.h): each sealed receiver phone and address is opened with
// whichever key sealed it and sealed again under the active key. Orders are walked by id in
// batches, one transaction each, and values already under the active key are skipped, so a run
// interrupted at any point simply runs again.
#pragma once

#include <cstdint>

#include "core/keyring.h"
#include "core/result.h"
#include "storage/database.h"

namespace crm::orders {

// Re-seals every order receiver not under the active key, `batch` orders per transaction.
// Returns how many orders it changed. Errors: storage errors; keyring.decrypt_failed (with the
// order id) when a value does not open with any key of the keyring.
Result<int64_t> reseal_order_receivers(storage::Database& db, const Keyring& keyring, int batch);

}  // namespace crm::orders
