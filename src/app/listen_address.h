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

// Whether `host` (as parsed above) is a loopback address: 127.0.0.0/8 or ::1.
bool is_loopback(std::string_view host);

}  // namespace crm::app
