// SPDX-License-Identifier: Apache-2.0
#include "modules/audit/audit_types.h"

#include <gtest/gtest.h>

namespace crm::audit {
namespace {

TEST(RedactChanges, MasksPersonalFieldsAndKeepsTheRest) {
  const Json changes = {{"name", change("Li", "Lei")},
                        {"phone", change("13800000000", "13900000000")},
                        {"contact_email", change(nullptr, "a@b.cn")},
                        {"password", "secret"},
                        {"address", {{"city", "Hangzhou"}}},
                        {"profile", {{"id_number", change("1", "2")}, {"level", 3}}},
                        {"zipcode", "310000"}};
  const Json redacted = redact_changes(changes);
  EXPECT_EQ(redacted["name"], change("Li", "Lei"));
  EXPECT_EQ(redacted["phone"], change("***", "***"));
  EXPECT_EQ(redacted["contact_email"], change(nullptr, "***"));  // "was empty" stays visible
  EXPECT_EQ(redacted["password"], "***");
  EXPECT_EQ(redacted["address"], Json({{"city", "***"}}));
  EXPECT_EQ(redacted["profile"]["id_number"], change("***", "***"));
  EXPECT_EQ(redacted["profile"]["level"], 3);
  EXPECT_EQ(redacted["zipcode"], "310000");  // "code" only as a whole word
  EXPECT_EQ(redacted.dump().find("138"), std::string::npos);
}

TEST(RedactChanges, UsesTheGivenFieldSet) {
  const Json redacted = redact_changes({{"nickname", "x"}, {"phone", "y"}}, {"nickname"});
  EXPECT_EQ(redacted["nickname"], "***");
  EXPECT_EQ(redacted["phone"], "y");
}

TEST(AuditEntry, TakesActorIpAndRequestIdFromTheRequest) {
  auto request = http::Request::for_test(http::Method::kPut, "/api/v1/settings");
  request.context().set_actor({.user_id = 7, .username = "alice"}, {});
  const AuditEntry entry = AuditEntry::from(request);
  EXPECT_EQ(entry.actor_id, 7);
  EXPECT_EQ(entry.actor_name, "alice");
  EXPECT_EQ(entry.ip, "127.0.0.1");
  EXPECT_EQ(entry.request_id, "test");
}

}  // namespace
}  // namespace crm::audit
