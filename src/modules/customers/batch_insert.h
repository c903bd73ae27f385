// SPDX-License-Identifier: Apache-2.0
// BatchInsert moved to storage/batch_insert.h (the order import uses it too); this name stays for
// the customer code that includes it.
#pragma once

#include "storage/batch_insert.h"

namespace crm::customers {

using storage::BatchInsert;

}  // namespace crm::customers
