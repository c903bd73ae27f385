// SPDX-License-Identifier: Apache-2.0
// Timeline, consent history, privacy export, anonymisation and key rotation of the customers
// module on a real Router over SQLite and PostgreSQL.
#include <filesystem>

#include "modules/customers/customers_test_fixture.h"
#include "modules/customers/key_rotation.h"
#include "modules/customers/privacy_service.h"
#include "modules/customers/zip_archive.h"

namespace crm::customers {
namespace {

using http::Method;
using http::Status;

class CustomerPrivacyTest : public CustomersFixture {
 protected:
  static std::string url(int64_t id, std::string_view tail) {
    return "/api/v1/customers/" + std::to_string(id) + std::string(tail);
  }

  http::Response patch(int64_t id, const Json& fields) {
    const Json current = body(call("admin", Method::kGet, url(id, "")));
    return call("admin", Method::kPatch, url(id, ""), fields,
                {{"If-Match", "\"" + std::to_string(current["version"].get<int64_t>()) + "\""}});
  }

  std::string sql_text(const std::string& sql) {
    auto rows = database_.db().read([&](storage::Connection& c) { return c.query(sql); });
    CRM_CHECK(rows.has_value());
    std::string out;
    for (const auto& row : *rows) out += row.get_string(0) + "\n";
    return out;
  }
};

Json li_lei() {
  return {{"name", "李雷"},
          {"phone", "13800138000"},
          {"email", "lilei@example.com"},
          {"id_number", "330106199001011234"},
          {"birthday", "1990-05-01"},
          {"address", {{"province", "浙江省"}, {"city", "杭州市"}, {"district", "西湖区"},
                       {"detail", "文三路100号"}}},
          {"hobbies", "=HYPERLINK(\"x\")"},
          {"notes", "喜欢红色"},
          {"consent", {{"sms", true}}}};
}

TEST_P(CustomerPrivacyTest, ConsentChangesAreKeptWithNoteNewestFirst) {
  const int64_t id = create("admin", li_lei())["id"];
  clock_.advance_ms(1000);
  ASSERT_EQ(patch(id, {{"consent", {{"sms", false}, {"email", true}}},
                       {"consent_note", "电话确认"}}).status(),
            Status::kOk);
  // A note longer than 200 characters is refused and changes nothing.
  http::Response too_long = patch(id, {{"consent", {{"phone", true}}},
                                       {"consent_note", std::string(201, 'x')}});
  EXPECT_EQ(too_long.status(), Status::kBadRequest);
  EXPECT_EQ(body(too_long)["error"]["field"], "consent_note");
  EXPECT_EQ(patch(id, {{"consent_note", 5}}).status(), Status::kBadRequest);

  http::Response response = call("manager", Method::kGet, url(id, "/consents"));
  ASSERT_EQ(response.status(), Status::kOk) << response.body();
  const Json consents = body(response);
  EXPECT_EQ(consents["current"], Json({{"sms", false}, {"email", true}, {"phone", false}}));
  const Json& history = consents["history"];
  ASSERT_EQ(history.size(), 3u) << history;
  // The PATCH's two rows (newest first, same time), then the creation's sms=true.
  std::set<std::string> patched{history[0]["channel"], history[1]["channel"]};
  EXPECT_EQ(patched, (std::set<std::string>{"sms", "email"}));
  EXPECT_EQ(history[0]["note"], "电话确认");
  EXPECT_EQ(history[0]["source"], "api");
  EXPECT_EQ(history[0]["actor_id"], 1);
  EXPECT_EQ(history[2]["channel"], "sms");
  EXPECT_EQ(history[2]["granted"], true);
  EXPECT_EQ(history[2]["note"], "");
  EXPECT_LT(history[2]["at"].get<int64_t>(), history[0]["at"].get<int64_t>());

  // Another owner's customer is not found for a salesperson (data scope).
  EXPECT_EQ(call("sales", Method::kGet, url(id, "/consents")).status(), Status::kNotFound);
}

TEST_P(CustomerPrivacyTest, TimelineListsChangesNewestFirstWithFieldsAndPages) {
  const int64_t id = create("admin", li_lei())["id"];
  clock_.advance_ms(1000);
  ASSERT_EQ(patch(id, {{"name", "李雷雷"}, {"phone", "13900139000"}}).status(), Status::kOk);
  clock_.advance_ms(1000);
  ASSERT_EQ(call("admin", Method::kPut, url(id, "/tags"), {{"tags", {"VIP"}}}).status(),
            Status::kOk);

  http::Response response = call("manager", Method::kGet, url(id, "/timeline"));
  ASSERT_EQ(response.status(), Status::kOk) << response.body();
  const Json timeline = body(response);
  ASSERT_EQ(timeline["items"].size(), 3u) << timeline;
  EXPECT_TRUE(timeline["next_before"].is_null());
  const Json& edit = timeline["items"][1];
  EXPECT_EQ(edit["kind"], "change");
  EXPECT_EQ(edit["title"], "修改了 姓名, 手机");
  EXPECT_EQ(edit["fields"], Json({"name", "phone"}));
  EXPECT_EQ(edit["detail"], "name,phone");
  EXPECT_EQ(edit["actor_name"], "admin");  // as the history records it
  EXPECT_EQ(timeline["items"][0]["title"], "修改了 标签");
  EXPECT_EQ(timeline["items"][2]["title"], "创建了客户");
  // Personal values never appear in a timeline.
  EXPECT_EQ(response.body().find("13900139000"), std::string::npos);

  // Pages of one item, each strictly older than the last.
  std::vector<std::string> titles;
  std::string next = url(id, "/timeline?limit=1");
  for (int page = 0; page < 5; ++page) {
    const Json part = body(call("manager", Method::kGet, next));
    ASSERT_LE(part["items"].size(), 1u);
    for (const auto& item : part["items"]) titles.push_back(item["title"]);
    if (part["next_before"].is_null()) break;
    next = url(id, "/timeline?limit=1&before=" + std::to_string(part["next_before"].get<int64_t>()));
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"修改了 标签", "修改了 姓名, 手机", "创建了客户"}));

  EXPECT_EQ(call("manager", Method::kGet, url(id, "/timeline?limit=0")).status(),
            Status::kBadRequest);
  EXPECT_EQ(body(call("manager", Method::kGet, url(id, "/timeline?before=x")))["error"]["field"],
            "before");
  EXPECT_EQ(call("sales", Method::kGet, url(id, "/timeline")).status(), Status::kNotFound);
}

TEST_P(CustomerPrivacyTest, TimelineNeverSplitsOneMillisecondAcrossPages) {
  const int64_t id = create("admin", {{"name", "韩梅梅"}})["id"];
  ASSERT_EQ(patch(id, {{"notes", "a"}}).status(), Status::kOk);  // same ms as the creation
  clock_.advance_ms(5);
  ASSERT_EQ(patch(id, {{"notes", "b"}}).status(), Status::kOk);
  const Json first = body(call("admin", Method::kGet, url(id, "/timeline?limit=2")));
  ASSERT_EQ(first["items"].size(), 1u) << first;  // the two of the first ms go together
  const Json second = body(call(
      "admin", Method::kGet,
      url(id, "/timeline?limit=2&before=" + std::to_string(first["next_before"].get<int64_t>()))));
  EXPECT_EQ(second["items"].size(), 2u) << second;
  EXPECT_TRUE(second["next_before"].is_null());
}

TEST_P(CustomerPrivacyTest, PrivacyExportIsAZipOfEverythingUnmaskedAndAudited) {
  const int64_t id = create("admin", li_lei())["id"];
  ASSERT_EQ(call("admin", Method::kPut, url(id, "/tags"), {{"tags", {"VIP"}}}).status(),
            Status::kOk);
  EXPECT_EQ(call("manager", Method::kGet, url(id, "/privacy-export")).status(),
            Status::kForbidden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.privacy_exported'"), 0);

  http::Response response = call("admin", Method::kGet, url(id, "/privacy-export"));
  ASSERT_EQ(response.status(), Status::kOk) << response.body();
  EXPECT_EQ(response.header("Content-Type").value_or(""), "application/zip");
  const Json customer = body(call("admin", Method::kGet, url(id, "")));
  const std::string number = customer["number"];
  EXPECT_EQ(response.header("Content-Disposition").value_or(""),
            "attachment; filename=\"privacy-" + number + ".zip\"");
  auto files = read_zip(response.body());
  ASSERT_TRUE(files) << files.error().detail;
  std::map<std::string, std::string> by_name;
  for (auto& file : *files) by_name[file.name] = file.data;
  EXPECT_EQ(by_name.size(), 4u);  // no participants registered here
  const Json document = Json::parse(by_name["customer.json"]);
  EXPECT_EQ(document["customer"]["phone"], "13800138000");
  EXPECT_EQ(document["customer"]["address"]["detail"], "文三路100号");
  EXPECT_EQ(document["customer"]["tags"], Json({"VIP"}));
  EXPECT_EQ(document["consents"]["history"].size(), 1u);
  EXPECT_EQ(document["history"].size(), 2u);
  const std::string csv = by_name["customer.csv"];
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);  // BOM for Excel
  EXPECT_NE(csv.find("13800138000"), std::string::npos);
  EXPECT_NE(csv.find("'=HYPERLINK"), std::string::npos);  // formula neutralised
  EXPECT_EQ(by_name["consents.csv"].rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(by_name["history.csv"].find("tags_changed"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.privacy_exported'"), 1);

  EXPECT_EQ(call("admin", Method::kGet, url(id + 100, "/privacy-export")).status(),
            Status::kNotFound);
}

TEST_P(CustomerPrivacyTest, AnonymiseClearsThePersonKeepsTheRecordAndIsIdempotent) {
  const Json created = create("admin", li_lei());
  const int64_t id = created["id"];
  const std::string number = created["number"];
  ASSERT_EQ(call("admin", Method::kPut, url(id, "/tags"), {{"tags", {"VIP"}}}).status(),
            Status::kOk);
  clock_.advance_ms(1000);
  ASSERT_EQ(patch(id, {{"name", "李大雷"}, {"stage", "member"}}).status(), Status::kOk);

  // A wrong confirmation changes nothing.
  http::Response wrong = call("admin", Method::kPost, url(id, "/anonymise"), {{"confirm", "C1"}});
  EXPECT_EQ(wrong.status(), Status::kBadRequest);
  EXPECT_EQ(body(wrong)["error"]["code"], "customer.confirm_mismatch");
  EXPECT_EQ(body(wrong)["error"]["field"], "confirm");
  EXPECT_EQ(body(call("admin", Method::kGet, url(id, "")))["name"], "李大雷");
  EXPECT_EQ(call("admin", Method::kPost, url(id, "/anonymise"), Json::object()).status(),
            Status::kBadRequest);
  EXPECT_EQ(call("sales2", Method::kPost, url(id, "/anonymise"), {{"confirm", number}}).status(),
            Status::kForbidden);  // customers.delete needed

  clock_.advance_ms(1000);
  http::Response response = call("admin", Method::kPost, url(id, "/anonymise"), {{"confirm", number}});
  ASSERT_EQ(response.status(), Status::kOk) << response.body();
  const Json anonymised = body(response);
  EXPECT_EQ(anonymised["name"], "已匿名客户");
  EXPECT_EQ(anonymised["number"], number);
  for (const char* field : {"phone", "email", "id_number", "birthday"}) {
    EXPECT_TRUE(anonymised[field].is_null()) << field;
  }
  EXPECT_TRUE(anonymised["address"]["detail"].is_null());
  EXPECT_EQ(anonymised["address"]["district"], "");
  EXPECT_EQ(anonymised["address"]["city"], "杭州市");
  EXPECT_EQ(anonymised["stage"], "member");
  EXPECT_EQ(anonymised["owner_id"], 1);
  EXPECT_EQ(anonymised["hobbies"], "");
  EXPECT_EQ(anonymised["notes"], "");
  EXPECT_EQ(anonymised["tags"], Json::array());
  EXPECT_EQ(anonymised["consent"], Json({{"sms", false}, {"email", false}, {"phone", false}}));
  EXPECT_EQ(anonymised["anonymised_at"], clock_.now_ms());

  // Nothing of the person is left in the row or its history; the history keeps its shape.
  const std::string stored =
      sql_text("SELECT COALESCE(phone_cipher, '') || COALESCE(email_cipher, '') || "
               "COALESCE(phone_index, '') || name || notes FROM customers WHERE id = " +
               std::to_string(id));
  EXPECT_EQ(stored, "已匿名客户\n");
  const std::string history =
      sql_text("SELECT changes FROM customer_history WHERE customer_id = " + std::to_string(id));
  for (const char* value : {"李雷", "李大雷", "喜欢红色", "VIP", "1990-05-01", "西湖区"}) {
    EXPECT_EQ(history.find(value), std::string::npos) << value << "\n" << history;
  }
  EXPECT_NE(history.find("\"name\":{\"from\":\"***\",\"to\":\"***\"}"), std::string::npos)
      << history;
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?phone=13800138000"))["total"], 0);
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?q=李"))["total"], 0);
  // Consent withdrawn is on record.
  const Json consents = body(call("admin", Method::kGet, url(id, "/consents")));
  EXPECT_EQ(consents["history"][0]["source"], "anonymise");
  EXPECT_EQ(consents["history"][0]["granted"], false);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.anonymised'"), 1);

  // Again: the same customer, nothing new written.
  clock_.advance_ms(1000);
  http::Response again = call("admin", Method::kPost, url(id, "/anonymise"), {{"confirm", number}});
  ASSERT_EQ(again.status(), Status::kOk);
  EXPECT_EQ(body(again)["anonymised_at"], anonymised["anonymised_at"]);
  EXPECT_EQ(body(again)["version"], anonymised["version"]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.anonymised'"), 1);
}

TEST_P(CustomerPrivacyTest, AnonymiseWorksInTheRecycleBin) {
  const Json created = create("sales", li_lei());
  const int64_t id = created["id"];
  ASSERT_EQ(call("sales", Method::kDelete, url(id, "")).status(), Status::kNoContent);
  // Anonymising needs customers.delete, like erasing.
  EXPECT_EQ(call("sales2", Method::kPost, url(id, "/anonymise"), {{"confirm", created["number"]}})
                .status(),
            Status::kForbidden);
  http::Response response =
      call("sales", Method::kPost, url(id, "/anonymise"), {{"confirm", created["number"]}});
  ASSERT_EQ(response.status(), Status::kOk) << response.body();
  EXPECT_EQ(body(response)["name"], "已匿名客户");
  EXPECT_TRUE(body(response).contains("deleted_at"));
}

TEST_P(CustomerPrivacyTest, KeyRotationResealsEveryValueAndIndexResumably) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("privacy_rotation_" + std::to_string(::getpid()) + "_" + GetParam());
  std::filesystem::remove_all(dir);
  const std::string file = (dir / "shopcrm.key").string();
  // The module holds a reference to keyring_: replacing it swaps the process's keys.
  keyring_ = *Keyring::load_or_create(file, std::nullopt, nullptr);
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(create("admin", {{"name", "客户" + std::to_string(i)},
                                   {"phone", "1380013800" + std::to_string(i)},
                                   {"address", {{"detail", "文三路" + std::to_string(i)}}}})["id"]);
  }
  create("admin", {{"name", "无联系方式"}});

  ASSERT_TRUE(*Keyring::begin_rotation(file));
  keyring_ = *Keyring::load_or_create(file, std::nullopt, nullptr);
  ASSERT_EQ(keyring_.key_count(), 2u);
  // Blind indexes are the active key's: not found until the rows are re-sealed.
  EXPECT_EQ(body(call("admin", Method::kGet, "/api/v1/customers?phone=13800138001"))["total"], 0);
  // Values under the old key still open meanwhile.
  EXPECT_EQ(body(call("admin", Method::kGet, url(ids[0], "?reveal=true")))["phone"], "13800138000");

  auto first = reseal_customers(database_.db(), keyring_, 2);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(*first, 2);
  // A run stopped here continues with the rest only.
  EXPECT_EQ(*reseal_customers(database_.db(), keyring_, 2), 1);
  EXPECT_EQ(*reseal_customers(database_.db(), keyring_, 2), 0);
  ASSERT_TRUE(Keyring::retire_previous_keys(file));
  keyring_ = *Keyring::load_or_create(file, std::nullopt, nullptr);
  EXPECT_EQ(keyring_.key_count(), 1u);

  const std::string old_prefix =
      sql_text("SELECT COUNT(*) FROM customers WHERE phone_cipher LIKE 'v1.%' OR "
               "address_cipher LIKE 'v1.%'");
  EXPECT_EQ(old_prefix, "0\n");
  const Json found = body(call("admin", Method::kGet, "/api/v1/customers?phone=13800138001"));
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["id"], ids[1]);
  const Json revealed = body(call("admin", Method::kGet, url(ids[2], "?reveal=true")));
  EXPECT_EQ(revealed["phone"], "13800138002");
  EXPECT_EQ(revealed["address"]["detail"], "文三路2");
  // The duplicate check uses the new indexes too.
  EXPECT_EQ(call("admin", Method::kPost, "/api/v1/customers",
                 {{"name", "重复"}, {"phone", "13800138000"}}).status(),
            Status::kConflict);
  std::filesystem::remove_all(dir);
}

TEST(HistoryScrub, KeepsKeysAndRecordReferencesOnly) {
  const Json changes = {{"name", {{"from", "李雷"}, {"to", "李大雷"}}},
                        {"tags", {{"added", {"VIP"}}}},
                        {"merged", {{"id", 7}, {"number", "C20261118000007"}, {"merge_id", 3}}},
                        {"birthday", {{"from", nullptr}, {"to", "1990-05-01"}}}};
  EXPECT_EQ(scrub_history_changes(changes),
            Json({{"name", {{"from", "***"}, {"to", "***"}}},
                  {"tags", {{"added", "***"}}},
                  {"merged", {{"id", 7}, {"number", "C20261118000007"}, {"merge_id", 3}}},
                  {"birthday", {{"from", nullptr}, {"to", "***"}}}}));
}

INSTANTIATE_TEST_SUITE_P(Databases, CustomerPrivacyTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::customers
