// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace crm {

// SHA-256 of `data` as 64 lowercase hex characters (libsodium). Migrations checksums, token hashes.
std::string sha256_hex(std::string_view data);

// Compares two strings in time independent of where they differ (for secrets).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace crm
