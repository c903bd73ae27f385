// SPDX-License-Identifier: Apache-2.0
#include "app/listen_address.h"

#include <arpa/inet.h>

#include "core/text.h"

namespace crm::app {

Result<ListenAddress> parse_listen_address(std::string_view text) {
  const auto fail = [&] {
    return invalid_input("config.invalid_listen",
                         "--listen must be <host>:<port> with an IP address, e.g. 127.0.0.1:8080, "
                         "got '" + std::string(text) + "'",
                         "listen");
  };
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return fail();
  std::string host(text.substr(0, colon));
  const auto port = parse_int64(text.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) return fail();
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  unsigned char buffer[16];
  if (inet_pton(AF_INET, host.c_str(), buffer) != 1 && inet_pton(AF_INET6, host.c_str(), buffer) != 1) {
    return fail();
  }
  return ListenAddress{host, static_cast<uint16_t>(*port)};
}

bool is_loopback(std::string_view host) { return starts_with(host, "127.") || host == "::1"; }

}  // namespace crm::app
