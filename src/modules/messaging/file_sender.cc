// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/file_sender.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace crm::messaging {

Result<void> FileSender::send(const Message& message) {
  nlohmann::ordered_json line{{"at", clock_.now_ms()},
                              {"channel", to_string(message.channel)},
                              {"to", message.to},
                              {"subject", message.subject},
                              {"body", message.body}};
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";

  std::lock_guard lock(mutex_);
  const std::filesystem::path path(path_);
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    return unavailable("messaging.send_failed", "The message could not be written.",
                       "outbox folder: " + ec.message());
  }
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << text;
  out.flush();
  if (!out) {
    return unavailable("messaging.send_failed", "The message could not be written.",
                       "cannot append to " + path_);
  }
  return {};
}

}  // namespace crm::messaging
