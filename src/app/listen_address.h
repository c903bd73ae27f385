// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace crm::app {

struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};

// "127.0.0.1:8080", "0.0.0.0:0" or "[::1]:8080"; port 0 picks a free port.
// `config.invalid_listen` (field "listen") otherwise.
Result<ListenAddress> parse_listen_address(std::string_view text);

}  // namespace crm::app
