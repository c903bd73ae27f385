// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string_view>

namespace crm::storage {

// One migration file, embedded at build time by crm_embed_sql (cmake/crm_library.cmake) from
// <module>/migrations/NNNN_name.sql (+ NNNN_name.postgres.sql). A literal type.
struct MigrationFile {
  std::string_view module;
  int version;
  std::string_view name;
  std::string_view sql;
  std::string_view postgres_sql;  // empty: `sql` is used on PostgreSQL too
};

// A module's migrations, in the order the runner should apply modules.
struct ModuleMigrations {
  std::string_view module;
  std::span<const MigrationFile> files;
};

}  // namespace crm::storage
