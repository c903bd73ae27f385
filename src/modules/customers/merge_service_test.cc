// SPDX-License-Identifier: Apache-2.0
// Duplicates and merge through the module's routes: the field rules, undo, refusals, data scope,
// bulk merge with bad pairs, the duplicate scan rules and dismissal. A recording participant
// stands in for the interactions module (the API test moves real communications).
#include <cstdio>

#include <fmt/format.h>

#include "modules/customers/customers_test_fixture.h"

namespace crm::customers {
namespace {

using http::Method;
using http::Status;

struct ParticipantCall {
  std::string what;
  int64_t customer = 0, other = 0;
  std::vector<int64_t> ids;
};

class MergeTest : public CustomersFixture {
 protected:
  void SetUp() override {
    CustomersFixture::SetUp();
    if (IsSkipped()) return;
    CustomerParticipant participant;
    participant.name = "recorder";
    participant.move = [this](storage::Connection&, int64_t from,
                              int64_t to) -> Result<std::vector<int64_t>> {
      calls_.push_back({"move", from, to, {}});
      return std::vector<int64_t>{from * 100 + 1, from * 100 + 2};
    };
    participant.move_back = [this](storage::Connection&, const std::vector<int64_t>& ids,
                                   int64_t to) -> Result<void> {
      calls_.push_back({"move_back", to, 0, ids});
      return {};
    };
    participant.owner_changed = [this](storage::Connection&, int64_t customer,
                                       int64_t owner) -> Result<void> {
      calls_.push_back({"owner_changed", customer, owner, {}});
      return {};
    };
    module_->participants().add(std::move(participant));
  }

  http::Response merge(const std::string& actor, int64_t survivor, int64_t merged) {
    return call(actor, Method::kPost, "/api/v1/customer-merges",
                {{"survivor_id", survivor}, {"merged_id", merged}});
  }

  Json get(int64_t id) {
    return body(call("admin", Method::kGet, "/api/v1/customers/" + std::to_string(id) +
                                                "?reveal=true"));
  }

  int64_t category(const std::string& name, int64_t member) {
    http::Response created =
        call("admin", Method::kPost, "/api/v1/customer-categories", {{"name", name}});
    EXPECT_EQ(created.status(), Status::kCreated) << created.body();
    const int64_t id = body(created)["id"];
    call("admin", Method::kPost, "/api/v1/customer-categories/" + std::to_string(id) + "/members",
         {{"customer_ids", {member}}});
    return id;
  }

  std::vector<ParticipantCall> calls_;
};

Json survivor_fields() {
  return {{"name", "李雷"}, {"phone", "13800138000"}, {"stage", "transacted"},
          {"consent", {{"sms", true}}}};
}

Json merged_fields() {
  return {{"name", "李雷"},
          {"email", "lilei@example.com"},
          {"id_number", "330106199001011234"},
          {"birthday", "1990-05-01"},
          {"gender", "male"},
          {"phone", "13900139000"},
          {"address", {{"province", "浙江省"}, {"city", "杭州市"}, {"district", "西湖区"},
                       {"detail", "文三路100号"}}},
          {"hobbies", "跑步"},
          {"stage", "member"},
          {"consent", {{"email", true}}}};
}

TEST_P(MergeTest, MergeFillsEmptyFieldsUnitesTagsAndLeavesBothLists) {
  const int64_t a = create("admin", survivor_fields())["id"];
  const int64_t b = create("admin", merged_fields())["id"];
  call("admin", Method::kPut, "/api/v1/customers/" + std::to_string(a) + "/tags",
       {{"tags", {"VIP", "老客"}}});
  call("admin", Method::kPut, "/api/v1/customers/" + std::to_string(b) + "/tags",
       {{"tags", {"复购", "VIP"}}});
  const int64_t cat_a = category("批发", a);
  const int64_t cat_b = category("零售", b);
  calls_.clear();

  http::Response merged = merge("admin", a, b);
  ASSERT_EQ(merged.status(), Status::kCreated) << merged.body();
  Json m = body(merged);
  EXPECT_EQ(m["survivor_id"], a);
  EXPECT_EQ(m["merged_id"], b);
  EXPECT_TRUE(m["undone_at"].is_null());
  EXPECT_EQ(m["moved"]["recorder"], 2);
  EXPECT_EQ(m["merged_number"], "C20261118000002");

  Json s = get(a);
  EXPECT_EQ(s["version"], 2);
  EXPECT_EQ(s["phone"], "13800138000");  // the survivor's own value wins
  EXPECT_EQ(s["email"], "lilei@example.com");
  EXPECT_EQ(s["id_number"], "330106199001011234");
  EXPECT_EQ(s["birthday"], "1990-05-01");
  EXPECT_EQ(s["gender"], "male");
  EXPECT_EQ(s["address"]["detail"], "文三路100号");
  EXPECT_EQ(s["hobbies"], "跑步");
  EXPECT_EQ(s["stage"], "member");
  EXPECT_EQ(s["consent"]["sms"], true);
  EXPECT_EQ(s["consent"]["email"], false);  // consent stays the survivor's
  EXPECT_EQ(s["tags"], Json({"VIP", "复购", "老客"}));
  ASSERT_EQ(s["categories"].size(), 2u);

  EXPECT_EQ(call("admin", Method::kGet, "/api/v1/customers/" + std::to_string(b)).status(),
            Status::kNotFound);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers"))["total"], 1);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers/recycle-bin"))["total"], 0);
  EXPECT_EQ(call("admin", Method::kPost, "/api/v1/customers/" + std::to_string(b) + "/restore")
                .status(),
            Status::kNotFound);
  // The email moved with its blind index: searching by it finds the survivor.
  Json found = body(call("admin", Method::kGet, "/api/v1/customers?email=lilei@example.com"));
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["id"], a);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_category_members WHERE customer_id = " +
                  std::to_string(b)), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_category_members WHERE category_id IN (" +
                  std::to_string(cat_a) + ", " + std::to_string(cat_b) + ")"), 2);

  ASSERT_EQ(calls_.size(), 2u);
  EXPECT_EQ(calls_[0].what, "move");
  EXPECT_EQ(calls_[0].customer, b);
  EXPECT_EQ(calls_[0].other, a);
  EXPECT_EQ(calls_[1].what, "owner_changed");
  EXPECT_EQ(calls_[1].customer, a);

  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.merged'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE action = 'merged' AND "
                  "customer_id = " + std::to_string(a)), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE action = 'merged_into' AND "
                  "customer_id = " + std::to_string(b)), 1);
  // Nothing personal in clear text in the merge record, history or audit log.
  for (const char* table : {"customer_merges", "customer_history", "audit_log"}) {
    for (const char* plain : {"13900139000", "lilei", "文三路", "330106199001011234"}) {
      const std::string column = std::string(table) == "customer_merges"
          ? "survivor_before || merged_before" : "changes";
      EXPECT_EQ(count("SELECT COUNT(*) FROM " + std::string(table) + " WHERE " + column +
                      " LIKE '%" + plain + "%'"), 0) << table << " " << plain;
    }
  }
}

TEST_P(MergeTest, UndoRestoresBothRecordsTagsCategoriesAndMovesRowsBack) {
  const int64_t a = create("admin", survivor_fields())["id"];
  const int64_t b = create("admin", merged_fields())["id"];
  call("admin", Method::kPut, "/api/v1/customers/" + std::to_string(b) + "/tags",
       {{"tags", {"复购"}}});
  category("零售", b);
  const Json a_before = get(a);
  const Json b_before = get(b);
  const int64_t merge_id = body(merge("admin", a, b))["id"];
  calls_.clear();

  http::Response undone = call("admin", Method::kPost,
                               "/api/v1/customer-merges/" + std::to_string(merge_id) + "/undo");
  ASSERT_EQ(undone.status(), Status::kOk) << undone.body();
  EXPECT_FALSE(body(undone)["undone_at"].is_null());

  Json s = get(a);
  Json m = get(b);
  EXPECT_EQ(s["version"], 3);  // versions only go up
  EXPECT_EQ(m["version"], 3);
  for (const char* field : {"phone", "email", "id_number", "birthday", "stage", "hobbies",
                            "address", "tags", "categories", "gender", "consent"}) {
    EXPECT_EQ(s[field], a_before[field]) << field;
    EXPECT_EQ(m[field], b_before[field]) << field;
  }
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers"))["total"], 2);

  ASSERT_EQ(calls_.size(), 3u);
  EXPECT_EQ(calls_[0].what, "move_back");
  EXPECT_EQ(calls_[0].customer, b);
  EXPECT_EQ(calls_[0].ids, (std::vector<int64_t>{b * 100 + 1, b * 100 + 2}));
  EXPECT_EQ(calls_[1].what, "owner_changed");
  EXPECT_EQ(calls_[2].what, "owner_changed");

  http::Response again = call("admin", Method::kPost,
                              "/api/v1/customer-merges/" + std::to_string(merge_id) + "/undo");
  EXPECT_EQ(again.status(), Status::kConflict);
  EXPECT_EQ(body(again)["error"]["code"], "merge.already_undone");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.merge_undone'"), 1);
  // The pair can be merged again.
  EXPECT_EQ(merge("admin", a, b).status(), Status::kCreated);
  Json list = body(call("admin", Method::kGet,
                        "/api/v1/customer-merges?customer_id=" + std::to_string(b)));
  ASSERT_EQ(list["total"], 2);
  EXPECT_TRUE(list["items"][0]["undone_at"].is_null());
  EXPECT_FALSE(list["items"][1]["undone_at"].is_null());
}

TEST_P(MergeTest, UndoIsRefusedAfterTheSurvivorWasEdited) {
  const int64_t a = create("admin", survivor_fields())["id"];
  const int64_t b = create("admin", merged_fields())["id"];
  const int64_t merge_id = body(merge("admin", a, b))["id"];
  http::Response edited = call("admin", Method::kPatch, "/api/v1/customers/" + std::to_string(a),
                               {{"notes", "called back"}}, {{"If-Match", "\"2\""}});
  ASSERT_EQ(edited.status(), Status::kOk) << edited.body();
  http::Response undone = call("admin", Method::kPost,
                               "/api/v1/customer-merges/" + std::to_string(merge_id) + "/undo");
  EXPECT_EQ(undone.status(), Status::kConflict);
  EXPECT_EQ(body(undone)["error"]["code"], "merge.survivor_changed");
  EXPECT_EQ(call("admin", Method::kGet, "/api/v1/customers/" + std::to_string(b)).status(),
            Status::kNotFound);
}

// The merged record's snapshot must not outlive the person's erasure, and the record itself is
// the undo of its merge.
TEST_P(MergeTest, MergedRecordCannotBeErasedAndUndoIsRefusedAfterAnonymisation) {
  const int64_t a = create("admin", survivor_fields())["id"];
  const Json b_json = create("admin", merged_fields());
  const int64_t b = b_json["id"];
  const int64_t merge_id = body(merge("admin", a, b))["id"];
  const std::string b_path = "/api/v1/customers/" + std::to_string(b);
  http::Response erased =
      call("admin", Method::kDelete, b_path + "/erase", {{"confirm", b_json["number"]}});
  EXPECT_EQ(erased.status(), Status::kConflict) << erased.body();
  EXPECT_EQ(body(erased)["error"]["code"], "customer.merged");

  http::Response anonymised =
      call("admin", Method::kPost, b_path + "/anonymise", {{"confirm", b_json["number"]}});
  ASSERT_EQ(anonymised.status(), Status::kOk) << anonymised.body();
  http::Response undone = call("admin", Method::kPost,
                               "/api/v1/customer-merges/" + std::to_string(merge_id) + "/undo");
  EXPECT_EQ(undone.status(), Status::kConflict) << undone.body();
  EXPECT_EQ(body(undone)["error"]["code"], "merge.anonymised");
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE merged_into IS NOT NULL"), 1);
}

TEST_P(MergeTest, RefusesSameMergedMissingAndOutOfScopeCustomers) {
  const int64_t a = create("admin", {{"name", "A"}})["id"];
  const int64_t b = create("admin", {{"name", "B"}})["id"];
  const int64_t c = create("admin", {{"name", "C"}})["id"];
  const int64_t own1 = create("sales", {{"name", "S1"}})["id"];
  const int64_t own2 = create("sales", {{"name", "S2"}})["id"];

  http::Response same = merge("admin", a, a);
  EXPECT_EQ(same.status(), Status::kBadRequest);
  EXPECT_EQ(body(same)["error"]["code"], "merge.same_customer");
  EXPECT_EQ(body(same)["error"]["field"], "merged_id");
  EXPECT_EQ(body(merge("admin", a, 999999))["error"]["code"], "customer.not_found");
  EXPECT_EQ(body(call("admin", Method::kPost, "/api/v1/customer-merges",
                      {{"survivor_id", a}}))["error"]["field"], "merged_id");
  EXPECT_EQ(body(call("admin", Method::kPost, "/api/v1/customer-merges",
                      {{"survivor_id", "x"}, {"merged_id", b}}))["error"]["code"],
            "validation.type");

  ASSERT_EQ(merge("admin", a, b).status(), Status::kCreated);
  for (auto [survivor, merged] : {std::pair{c, b}, std::pair{b, c}}) {
    http::Response refused = merge("admin", survivor, merged);
    EXPECT_EQ(refused.status(), Status::kConflict);
    EXPECT_EQ(body(refused)["error"]["code"], "merge.already_merged");
  }
  ASSERT_EQ(call("admin", Method::kDelete, "/api/v1/customers/" + std::to_string(c)).status(),
            Status::kNoContent);
  EXPECT_EQ(body(merge("admin", a, c))["error"]["code"], "customer.not_found");

  // "own" scope: another owner's customer is not found, never forbidden.
  EXPECT_EQ(merge("sales", own1, a).status(), Status::kNotFound);
  EXPECT_EQ(merge("sales2", own1, own2).status(), Status::kNotFound);
  http::Response mine = merge("sales", own1, own2);
  ASSERT_EQ(mine.status(), Status::kCreated) << mine.body();
  EXPECT_EQ(body(call("sales2", Method::kGet, "/api/v1/customer-merges"))["total"], 0);
  EXPECT_EQ(body(call("sales", Method::kGet, "/api/v1/customer-merges"))["total"], 1);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customer-merges"))["total"], 2);
  EXPECT_EQ(call("sales2", Method::kPost, "/api/v1/customer-merges/" +
                                              std::to_string(body(mine)["id"].get<int64_t>()) +
                                              "/undo").status(),
            Status::kNotFound);
}

TEST_P(MergeTest, BulkMergeReportsBadPairsAndMergesTheOthers) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 6; ++i) {
    ids.push_back(create("admin", {{"name", fmt::format("N{}", i)}})["id"]);
  }
  const Json pairs = {
      {{"survivor_id", ids[0]}, {"merged_id", ids[1]}},
      {{"survivor_id", ids[2]}, {"merged_id", ids[2]}},       // same customer
      {{"survivor_id", ids[2]}, {"merged_id", 999999}},       // missing
      {{"survivor_id", ids[3]}, {"merged_id", ids[1]}},       // merged by the first pair
      {{"survivor_id", ids[3]}, {"merged_id", ids[4]}},
      {{"survivor_id", "x"}},                                   // malformed
      {{"survivor_id", ids[0]}, {"merged_id", ids[3]}},       // survivor of pair 4: chains
  };
  http::Response response = call("admin", Method::kPost, "/api/v1/customer-merges/bulk",
                                 {{"pairs", pairs}});
  ASSERT_EQ(response.status(), Status::kOk) << response.body();
  Json result = body(response);
  EXPECT_EQ(result["merged"], 3);
  EXPECT_EQ(result["merge_ids"].size(), 3u);
  ASSERT_EQ(result["errors"].size(), 4u);
  EXPECT_EQ(result["errors"][0]["index"], 1);
  EXPECT_EQ(result["errors"][0]["code"], "merge.same_customer");
  EXPECT_EQ(result["errors"][1]["index"], 2);
  EXPECT_EQ(result["errors"][1]["code"], "customer.not_found");
  EXPECT_EQ(result["errors"][2]["index"], 3);
  EXPECT_EQ(result["errors"][2]["code"], "merge.already_merged");
  EXPECT_EQ(result["errors"][3]["index"], 5);
  EXPECT_EQ(result["errors"][3]["code"], "validation.type");
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers"))["total"], 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE merged_into = " + std::to_string(ids[0])),
            2);

  EXPECT_EQ(body(call("admin", Method::kPost, "/api/v1/customer-merges/bulk",
                      {{"pairs", Json::array()}}))["error"]["code"], "validation.required");
  Json too_many = Json::array();
  for (int i = 0; i < 5001; ++i) too_many.push_back({{"survivor_id", 1}, {"merged_id", 2}});
  EXPECT_EQ(body(call("admin", Method::kPost, "/api/v1/customer-merges/bulk",
                      {{"pairs", too_many}}))["error"]["code"], "validation.too_many");
}

// Not a speed assertion (those belong in bench/): proves 5000 pairs in 10 transactions all merge,
// and prints the time for the record.
// More pairs than one bulk transaction takes (500), so chunking is exercised; the speed of
// thousands of merges is measured by bench/customers_merge, not here.
TEST_P(MergeTest, BulkMergeAcrossSeveralTransactions) {
  constexpr int kPairs = 600;
  auto inserted = database_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    for (int i = 0; i < 2 * kPairs; ++i) {
      CRM_TRY(tx.execute("INSERT INTO customers (number, name, name_lower, owner_id, "
                         "created_at_ms, created_by, updated_at_ms, updated_by) VALUES "
                         "(?, ?, ?, 1, 0, 1, 0, 1)",
                         fmt::format("B{:08d}", i), fmt::format("bulk{}", i / 2),
                         fmt::format("bulk{}", i / 2)));
      CRM_TRY(tx.execute("INSERT INTO customer_tags (customer_id, tag) SELECT id, ? FROM "
                         "customers WHERE number = ?", i % 2 ? "b" : "a",
                         fmt::format("B{:08d}", i)));
    }
    return {};
  });
  ASSERT_TRUE(inserted) << inserted.error().detail;
  auto rows = database_.db().read([](storage::Connection& c) {
    return c.query("SELECT id FROM customers WHERE number LIKE 'B%' ORDER BY id");
  });
  ASSERT_TRUE(rows);
  std::vector<MergePair> pairs;
  for (size_t i = 0; i + 1 < rows->size(); i += 2) {
    pairs.push_back({(*rows)[i].get_int(0), (*rows)[i + 1].get_int(0)});
  }
  Caller caller;
  caller.actor = actors_.at("admin").first;
  caller.audit.actor_id = caller.actor.user_id;
  auto result = module_->merges().bulk_merge(caller, pairs);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->merge_ids.size(), static_cast<size_t>(kPairs));
  EXPECT_TRUE(result->errors.empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE merged_into IS NOT NULL"), kPairs);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_tags WHERE tag = 'b'"), kPairs);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_merges"), kPairs);
}

Json person(const std::string& name, const Json& extra) {
  Json out = extra;
  out["name"] = name;
  return out;
}

Json west_lake(const std::string& detail = "文三路1号") {
  return {{"province", "浙江省"}, {"city", "杭州市"}, {"district", "西湖区"}, {"detail", detail}};
}

TEST_P(MergeTest, ScanFindsEachRuleOnceAndDismissMergeUndoMoveTheStatus) {
  const int64_t id1 = create("admin", person("王五", {{"id_number", "110101199003074512"}}))["id"];
  const int64_t id2 = create("admin", person("王伍", {{"id_number", "110101199003074512"}}))["id"];
  const int64_t bd1 = create("admin", person("赵六", {{"birthday", "1988-02-03"}}))["id"];
  const int64_t bd2 = create("admin", person("赵六", {{"birthday", "1988-02-03"}}))["id"];
  create("admin", person("赵六", {{"birthday", "1988-02-04"}}));
  const int64_t ad1 = create("admin", person("孙七", {{"address", west_lake()}}))["id"];
  const int64_t ad2 = create("admin", person("孙七", {{"address", west_lake("别处")}}))["id"];
  Json other_district = west_lake();
  other_district["district"] = "上城区";
  create("admin", person("孙七", {{"address", other_district}}));
  Json no_district = west_lake();
  no_district["district"] = "";
  create("admin", person("周八", {{"address", no_district}}));
  create("admin", person("周八", {{"address", no_district}}));
  const int64_t py1 = create("admin", person("张三", {{"address", west_lake()}}))["id"];
  const int64_t py2 = create("admin", person("章三", {{"address", west_lake()}}))["id"];
  const int64_t gone = create("admin", person("张三", {{"address", west_lake()}}))["id"];
  ASSERT_EQ(call("admin", Method::kDelete, "/api/v1/customers/" + std::to_string(gone)).status(),
            Status::kNoContent);

  auto added = module_->duplicates().scan();
  ASSERT_TRUE(added) << added.error().detail;
  EXPECT_EQ(*added, 4);
  auto again = module_->duplicates().scan();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);  // a pair is found once

  Json list = body(call("admin", Method::kGet, "/api/v1/customer-duplicates"));
  ASSERT_EQ(list["total"], 4) << list.dump();
  std::map<std::string, std::pair<int64_t, int64_t>> by_reason;
  std::map<std::string, int64_t> candidate_of;
  for (const auto& item : list["items"]) {
    EXPECT_EQ(item["status"], "open");
    by_reason[item["reason"]] = {item["customers"][0]["id"], item["customers"][1]["id"]};
    candidate_of[item["reason"]] = item["id"];
    EXPECT_EQ(item["customers"][0]["masked"], true);
  }
  EXPECT_EQ(by_reason["same_id_number"], std::pair(id1, id2));
  EXPECT_EQ(by_reason["same_name_birthday"], std::pair(bd1, bd2));
  EXPECT_EQ(by_reason["same_name_address"], std::pair(ad1, ad2));
  EXPECT_EQ(by_reason["similar_name_address"], std::pair(py1, py2));
  // Another owner's customers are left out of a narrower scope.
  EXPECT_EQ(body(call("sales", Method::kGet, "/api/v1/customer-duplicates"))["total"], 0);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customer-duplicates?status=nope"))
                ["error"]["code"], "duplicate.invalid_status");

  const std::string dismiss = "/api/v1/customer-duplicates/" +
                              std::to_string(candidate_of["same_name_birthday"]) + "/dismiss";
  EXPECT_EQ(call("sales", Method::kPost, dismiss).status(), Status::kNotFound);
  EXPECT_EQ(call("admin", Method::kPost, dismiss).status(), Status::kNoContent);
  EXPECT_EQ(call("admin", Method::kPost, dismiss).status(), Status::kNoContent);
  Json dismissed = body(call("admin", Method::kGet, "/api/v1/customer-duplicates?status=dismissed"));
  ASSERT_EQ(dismissed["total"], 1);
  EXPECT_EQ(dismissed["items"][0]["reason"], "same_name_birthday");

  const int64_t merge_id = body(merge("admin", ad1, ad2))["id"];
  Json merged = body(call("admin", Method::kGet, "/api/v1/customer-duplicates?status=merged"));
  ASSERT_EQ(merged["total"], 1);
  EXPECT_EQ(merged["items"][0]["reason"], "same_name_address");
  http::Response refused = call("admin", Method::kPost,
                                "/api/v1/customer-duplicates/" +
                                    std::to_string(candidate_of["same_name_address"]) +
                                    "/dismiss");
  EXPECT_EQ(body(refused)["error"]["code"], "duplicate.not_open");
  ASSERT_EQ(call("admin", Method::kPost,
                 "/api/v1/customer-merges/" + std::to_string(merge_id) + "/undo").status(),
            Status::kOk);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customer-duplicates"))["total"], 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.duplicate_dismissed'"),
            1);
}

TEST_P(MergeTest, ScanCapsPairsPerGroupAndRequestEnqueuesAJob) {
  for (int i = 0; i < 8; ++i) create("admin", person("同名", {{"birthday", "2000-01-01"}}));
  auto added = module_->duplicates().scan();
  ASSERT_TRUE(added);
  EXPECT_EQ(*added, 20);  // 8 customers would give 28 pairs

  http::Response requested = call("admin", Method::kPost, "/api/v1/customer-duplicates/scan");
  ASSERT_EQ(requested.status(), Status::kAccepted) << requested.body();
  const int64_t job_id = body(requested)["job_id"];
  auto job = jobs_->get(job_id);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->queue, "customers.duplicate_scan");
  EXPECT_EQ(call("sales2", Method::kPost, "/api/v1/customer-duplicates/scan").status(),
            Status::kAccepted);
}

INSTANTIATE_TEST_SUITE_P(Backends, MergeTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::customers
