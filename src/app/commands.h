// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config.h"

namespace crm::app {

// `shopcrm user <action>` arguments.
struct UserCommand {
  std::string action;  // add, passwd, list, disable
  std::string username;
  std::string display_name;
  std::string email;
  std::string phone;
  std::string department;
  std::vector<std::string> roles;
};

// `shopcrm demo` arguments (docs/demo.md).
struct DemoCommand {
  int64_t customers = 50'000;
  int64_t orders = 200'000;
  int64_t products = 500;
  int years = 3;
  uint64_t seed = 1;
  bool if_empty = false;  // a database that is not empty is skipped (exit 0) instead of refused
};

// The command-line commands. Each returns the process exit code: 0 on success, 1 when the work
// failed (the reason already printed as one line on stderr).
int serve_command(const Config& config);
int migrate_command(const Config& config);
int user_command(const Config& config, const UserCommand& command);
int routes_command(const Config& config);  // prints METHOD PATTERN PERMISSION per route
int backup_command(const Config& config, const std::string& file);
int restore_command(const Config& config, const std::string& file);
// Re-encrypts the personal data under a new key, `batch` rows per transaction (keys_command.cc).
int keys_rotate_command(const Config& config, int batch);
// Fills an empty database with a generated demo store (demo_command.cc).
int demo_command(const Config& config, const DemoCommand& command);

// Prints "shopcrm: error: <message>" as one line on stderr and returns 1.
int fail(std::string_view message);

}  // namespace crm::app
