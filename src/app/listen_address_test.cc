// SPDX-License-Identifier: Apache-2.0
#include "app/listen_address.h"

#include <gtest/gtest.h>

namespace crm::app {
namespace {

TEST(ListenAddress, ParsesHostAndPort) {
  auto address = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->host, "127.0.0.1");
  EXPECT_EQ(address->port, 8080);
  EXPECT_EQ(parse_listen_address("[::1]:0")->host, "::1");
  EXPECT_EQ(parse_listen_address("localhost:9")->host, "127.0.0.1");
}

TEST(ListenAddress, RefusesMalformedAddresses) {
  for (const char* bad : {"8080", "127.0.0.1:", "127.0.0.1:70000", "example.com:80", ":80", "1.2.3:4"}) {
    auto address = parse_listen_address(bad);
    ASSERT_FALSE(address) << bad;
    EXPECT_EQ(address.error().code, "config.invalid_listen");
    EXPECT_EQ(address.error().field, "listen");
  }
}

TEST(ListenAddress, KnowsLoopbackAddresses) {
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("127.1.2.3"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
  EXPECT_FALSE(is_loopback("10.0.0.1"));
  EXPECT_FALSE(is_loopback("::"));
}

}  // namespace
}  // namespace crm::app
