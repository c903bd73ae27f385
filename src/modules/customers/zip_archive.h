// SPDX-License-Identifier: Apache-2.0
// Small zip archives built in memory with libzip (privacy exports).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace crm::customers {

struct ZipEntry {
  std::string name;  // path inside the archive, UTF-8
  std::string data;
};

// A deflated zip of `entries` in their order. Errors: zip.failed (kInternal, libzip's message in
// detail).
Result<std::string> write_zip(const std::vector<ZipEntry>& entries);

// Every file of the zip `bytes`, in archive order. Errors: zip.unreadable (kInvalidInput).
Result<std::vector<ZipEntry>> read_zip(std::string_view bytes);

}  // namespace crm::customers
