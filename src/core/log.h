// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include "core/json.h"

namespace crm::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Structured logging: every call writes one JSON object on one line to stderr,
//   {"ts":"2026-11-22T17:41:16.123Z","level":"info","msg":"server.listening","address":"…"}
// `message` is a stable event name; details go in `fields`. Never pass passwords, codes, tokens
// or unmasked personal data. Thread-safe (spdlog). The sink is process-wide, like stderr itself.
void write(Level level, std::string_view message, const Json& fields = Json::object());
inline void debug(std::string_view m, const Json& f = Json::object()) { write(Level::kDebug, m, f); }
inline void info(std::string_view m, const Json& f = Json::object()) { write(Level::kInfo, m, f); }
inline void warn(std::string_view m, const Json& f = Json::object()) { write(Level::kWarn, m, f); }
inline void error(std::string_view m, const Json& f = Json::object()) { write(Level::kError, m, f); }

// Lowest level written; "debug", "info", "warn" or "error". Default info.
void set_level(Level level);
Result<Level> parse_level(std::string_view name);

}  // namespace crm::log
