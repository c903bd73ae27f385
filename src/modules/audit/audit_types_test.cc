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

TEST(ParseTime, AcceptsDatesTimesAndMilliseconds) {
  EXPECT_EQ(parse_time("2026-11-01"), 1'793'491'200'000);
  EXPECT_EQ(parse_time("2026-11-01", true), 1'793'491'200'000 + 86'400'000);
  EXPECT_EQ(parse_time("2026-11-01T08:00:00Z"), 1'793'491'200'000 + 8 * 3'600'000);
  EXPECT_EQ(parse_time("2026-11-01T08:00Z"), 1'793'491'200'000 + 8 * 3'600'000);
  EXPECT_EQ(parse_time("2026-11-01T08:00:00.5Z"), 1'793'491'200'000 + 8 * 3'600'000 + 500);
  EXPECT_EQ(parse_time("2026-11-01T08:00:00+08:00"), 1'793'491'200'000);
  EXPECT_EQ(parse_time("1793491200000"), 1'793'491'200'000);
  EXPECT_EQ(format_utc(1'793'491'200'000 + 8 * 3'600'000 + 5), "2026-11-01T08:00:00.005Z");
}

TEST(ParseTime, RejectsMalformedInput) {
  for (const char* bad : {"", "2026-13-01", "2026-02-30", "2026-11-1", "yesterday",
                          "2026-11-01T25:00:00Z", "2026-11-01T08:00:00", "2026-11-01T08:00:00+8",
                          "12abc"}) {
    EXPECT_FALSE(parse_time(bad).has_value()) << bad;
  }
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
