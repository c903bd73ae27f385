// SPDX-License-Identifier: Apache-2.0
#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <ctime>

#include <fmt/format.h>

namespace crm::log {

namespace {

std::atomic<Level> g_min_level{Level::kInfo};

spdlog::logger& sink() {
  // stderr, unbuffered line by line; one JSON object a line needs no pattern decoration.
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto created = spdlog::stderr_logger_mt("shopcrm");
    created->set_pattern("%v");
    created->set_level(spdlog::level::trace);
    created->flush_on(spdlog::level::trace);
    return created;
  }();
  return *logger;
}

std::string timestamp() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t seconds = system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ms);
}

const char* name_of(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

}  // namespace

void write(Level level, std::string_view message, const Json& fields) {
  if (level < g_min_level.load(std::memory_order_relaxed)) return;
  Json line = Json::object();
  line["ts"] = timestamp();
  line["level"] = name_of(level);
  line["msg"] = message;
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) line[key] = value;
  }
  sink().info(dump_json(line));
}

void set_level(Level level) { g_min_level = level; }

Result<Level> parse_level(std::string_view name) {
  if (name == "debug") return Level::kDebug;
  if (name == "info") return Level::kInfo;
  if (name == "warn") return Level::kWarn;
  if (name == "error") return Level::kError;
  return invalid_input("config.invalid_log_level", "log level must be debug, info, warn or error",
                       "log_level");
}

}  // namespace crm::log
