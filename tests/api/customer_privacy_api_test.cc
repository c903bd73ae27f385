// SPDX-License-Identifier: Apache-2.0
// Timeline, consent history, privacy export, anonymisation and `shopcrm keys rotate` end to end
// against the real binary on SQLite and PostgreSQL.
#include <zip.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <map>

#include "api_session.h"
#include "api_test.h"

namespace crm::test {
namespace {

constexpr const char* kCaptcha = "2468";
constexpr const char* kAdminPassword = "Shop-Owner-2026!";

// Every file of a zip archive (libzip), by name; empty when the bytes are no zip.
std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source) zip_source_free(source);
    return out;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) < 0) continue;
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (file == nullptr) continue;
    std::string data(static_cast<size_t>(stat.size), '\0');
    zip_fread(file, data.data(), stat.size);
    zip_fclose(file);
    out[stat.name] = std::move(data);
  }
  zip_discard(archive);
  return out;
}

class CustomerPrivacyApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    start();
  }

  std::map<std::string, std::string> env() const {
    return {{"SHOPCRM_ADMIN_PASSWORD", kAdminPassword},
            {"SHOPCRM_KEY_FILE", db_->dir() + "/shopcrm.key"},
            {"SHOPCRM_MESSAGING_OUTBOX_FILE", db_->dir() + "/outbox.log"}};
  }

  void start() {
    server_ = start_server({"--test-captcha", kCaptcha}, env());
    ASSERT_TRUE(server_);
    admin_ = std::make_unique<ApiSession>(server_->base_url(), kCaptcha);
    ASSERT_EQ(admin_->login("admin", kAdminPassword).status, 200);
  }

  void stop() {
    admin_.reset();
    server_->send_signal(SIGTERM);
    EXPECT_EQ(server_->wait_for_exit(), 0);
    server_.reset();
  }

  // A logged-in user with one built-in role.
  std::unique_ptr<ApiSession> user_with_role(const std::string& username, const std::string& role) {
    int64_t role_id = 0;
    const nlohmann::json roles = admin_->get("/api/v1/roles").json();
    for (const auto& r : roles["items"]) {
      if (r["name"] == role) role_id = r["id"];
    }
    auto created = admin_->post("/api/v1/users", {{"username", username},
                                                  {"display_name", username},
                                                  {"password", "Staff-Pass-2026"},
                                                  {"role_ids", {role_id}}});
    EXPECT_EQ(created.status, 201) << created.body;
    auto session = std::make_unique<ApiSession>(server_->base_url(), kCaptcha);
    EXPECT_EQ(session->login(username, "Staff-Pass-2026").status, 200);
    return session;
  }

  nlohmann::json create(const nlohmann::json& body) {
    auto created = admin_->post("/api/v1/customers", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json();
  }

  // PATCH with If-Match: the version the caller saw (the current one when not given).
  HttpResult patch(int64_t id, const nlohmann::json& body, int64_t version = 0) {
    if (version == 0) version = admin_->get(path(id, "")).json()["version"];
    HttpClient raw(server_->base_url());
    return raw.request("PATCH", path(id, ""), body.dump(),
                       {"Content-Type: application/json", "Cookie: " + admin_->session_cookie(),
                        "X-CSRF-Token: " + admin_->csrf_token(),
                        "If-Match: \"" + std::to_string(version) + "\""});
  }

  static std::string path(int64_t id, const std::string& tail) {
    return "/api/v1/customers/" + std::to_string(id) + tail;
  }

  std::string audit_count(const std::string& action) {
    return db_->sql("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiSession> admin_;
};

TEST_P(CustomerPrivacyApiTest, TimelineShowsCommunicationsAndEditsNewestFirst) {
  const auto customer = create({{"name", "李雷"}, {"phone", "13800138000"}});
  const int64_t id = customer["id"];
  // A call from before the customer was entered (records are often written afterwards).
  const int64_t at = customer["created_at"].get<int64_t>() - 60'000;
  auto logged = admin_->post("/api/v1/interactions",
                             {{"customer_id", id}, {"at", at}, {"channel_id", 1},
                              {"subject", "询问价格"}, {"content", "想买两件"}});
  ASSERT_EQ(logged.status, 201) << logged.body;
  auto edited = patch(id, {{"name", "李大雷"}}, customer["version"]);
  ASSERT_EQ(edited.status, 200) << edited.body;

  auto timeline = admin_->get(path(id, "/timeline"));
  ASSERT_EQ(timeline.status, 200) << timeline.body;
  const auto items = timeline.json()["items"];
  ASSERT_EQ(items.size(), 3u) << timeline.body;
  EXPECT_EQ(items[0]["kind"], "change");
  EXPECT_EQ(items[0]["title"], "修改了 姓名");
  EXPECT_EQ(items[0]["fields"], nlohmann::json({"name"}));
  EXPECT_EQ(items[1]["title"], "创建了客户");
  EXPECT_EQ(items[2]["kind"], "interaction");
  EXPECT_EQ(items[2]["title"], "询问价格");
  EXPECT_EQ(items[2]["ref_id"], logged.json()["id"]);
  EXPECT_EQ(items[2]["at"], at);
  for (size_t i = 1; i < items.size(); ++i) {
    EXPECT_GE(items[i - 1]["at"].get<int64_t>(), items[i]["at"].get<int64_t>());
  }

  // An analyst sees customers but not communications.
  auto analyst = user_with_role("fenxi", "analyst");
  auto hidden = analyst->get(path(id, "/timeline"));
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  ASSERT_EQ(hidden.json()["items"].size(), 2u) << hidden.body;
  const nlohmann::json hidden_items = hidden.json()["items"];
  for (const auto& item : hidden_items) EXPECT_NE(item["kind"], "interaction");
  EXPECT_EQ(admin_->get(path(id, "/timeline?limit=500")).status, 400);
}

TEST_P(CustomerPrivacyApiTest, ConsentChangesAreKeptWithTheirNote) {
  const auto customer = create({{"name", "韩梅梅"}, {"consent", {{"sms", true}}}});
  const int64_t id = customer["id"];
  auto changed =
      patch(id, {{"consent", {{"sms", false}}}, {"consent_note", "客户来电退订"}}, customer["version"]);
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto too_long = patch(id, {{"consent_note", std::string(201, 'x')}});
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.json()["error"]["field"], "consent_note");

  auto consents = admin_->get(path(id, "/consents"));
  ASSERT_EQ(consents.status, 200) << consents.body;
  const auto body = consents.json();
  EXPECT_EQ(body["current"]["sms"], false);
  ASSERT_EQ(body["history"].size(), 2u) << consents.body;
  EXPECT_EQ(body["history"][0]["channel"], "sms");
  EXPECT_EQ(body["history"][0]["granted"], false);
  EXPECT_EQ(body["history"][0]["note"], "客户来电退订");
  EXPECT_EQ(body["history"][0]["source"], "api");
  EXPECT_EQ(body["history"][0]["actor_name"], "admin");  // as audit rows name the actor
  EXPECT_EQ(body["history"][1]["granted"], true);
}

TEST_P(CustomerPrivacyApiTest, PrivacyExportIsAnAuditedZipWithUnmaskedData) {
  const auto customer = create({{"name", "李雷"}, {"phone", "13800138000"},
                                {"email", "lilei@example.com"}});
  const int64_t id = customer["id"];
  ASSERT_EQ(admin_->post("/api/v1/interactions",
                         {{"customer_id", id}, {"at", customer["created_at"]}, {"channel_id", 1},
                          {"subject", "=cmd|' /C calc'!A0"}, {"content", "回访"}})
                .status,
            201);

  auto analyst = user_with_role("fenxi", "analyst");  // customers.view, no view_pii
  EXPECT_EQ(analyst->get(path(id, "/privacy-export")).status, 403);
  EXPECT_EQ(audit_count("customer.privacy_exported"), "0\n");

  auto exported = admin_->get(path(id, "/privacy-export"));
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.header("content-type"), "application/zip");
  EXPECT_NE(exported.header("content-disposition").find("privacy-" + customer["number"].get<std::string>() + ".zip"),
            std::string::npos);
  const auto files = unzip(exported.body);
  ASSERT_TRUE(files.contains("customer.json")) << exported.body.size();
  const auto document = nlohmann::json::parse(files.at("customer.json"));
  EXPECT_EQ(document["customer"]["phone"], "13800138000");
  EXPECT_EQ(document["customer"]["email"], "lilei@example.com");
  ASSERT_TRUE(files.contains("interactions.csv"));
  const std::string& csv = files.at("interactions.csv");
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.find("回访"), std::string::npos);
  EXPECT_NE(csv.find("'=cmd"), std::string::npos);  // a formula is never run by a spreadsheet
  for (const char* name : {"customer.csv", "consents.csv", "history.csv"}) {
    EXPECT_TRUE(files.contains(name)) << name;
  }
  EXPECT_EQ(audit_count("customer.privacy_exported"), "1\n");
}

TEST_P(CustomerPrivacyApiTest, AnonymiseClearsThePersonAndScrubsHistoryAndCommunications) {
  const auto customer = create({{"name", "李雷"}, {"phone", "13800138000"},
                                {"email", "lilei@example.com"}, {"birthday", "1990-05-01"},
                                {"tags", {"VIP"}},
                                {"address", {{"province", "浙江省"}, {"city", "杭州市"},
                                             {"district", "西湖区"}, {"detail", "文三路100号"}}},
                                {"notes", "喜欢红色"}, {"consent", {{"sms", true}}}});
  const int64_t id = customer["id"];
  const std::string number = customer["number"];
  ASSERT_EQ(admin_->put(path(id, "/tags"), {{"tags", {"VIP"}}}).status, 200);
  ASSERT_EQ(patch(id, {{"name", "李大雷"}}).status, 200);
  auto logged = admin_->post("/api/v1/interactions",
                             {{"customer_id", id}, {"at", customer["created_at"]},
                              {"channel_id", 1}, {"subject", "李雷问价"}, {"content", "13800138000"},
                              {"outcome", "成交"}});
  ASSERT_EQ(logged.status, 201) << logged.body;

  auto mismatch = admin_->post(path(id, "/anonymise"), {{"confirm", "C00000000000000"}});
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(mismatch.json()["error"]["code"], "customer.confirm_mismatch");
  EXPECT_EQ(admin_->get(path(id, "")).json()["name"], "李大雷");  // nothing changed
  EXPECT_EQ(audit_count("customer.anonymised"), "0\n");

  auto anonymised = admin_->post(path(id, "/anonymise"), {{"confirm", number}});
  ASSERT_EQ(anonymised.status, 200) << anonymised.body;
  const auto body = anonymised.json();
  EXPECT_EQ(body["name"], "已匿名客户");
  EXPECT_EQ(body["number"], number);
  EXPECT_TRUE(body["phone"].is_null());
  EXPECT_TRUE(body["email"].is_null());
  EXPECT_TRUE(body["birthday"].is_null());
  EXPECT_TRUE(body["address"]["detail"].is_null());
  EXPECT_EQ(body["address"]["city"], "杭州市");
  EXPECT_EQ(body["tags"], nlohmann::json::array());
  EXPECT_EQ(body["notes"], "");
  EXPECT_EQ(body["consent"]["sms"], false);
  EXPECT_TRUE(body["anonymised_at"].is_number());

  const std::string history = db_->sql("SELECT changes FROM customer_history WHERE customer_id = " +
                                       std::to_string(id));
  for (const char* value : {"李雷", "李大雷", "喜欢红色", "VIP", "西湖区"}) {
    EXPECT_EQ(history.find(value), std::string::npos) << value << "\n" << history;
  }
  const auto record = admin_->get("/api/v1/interactions/" +
                                  std::to_string(logged.json()["id"].get<int64_t>())).json();
  EXPECT_EQ(record["subject"], "[已匿名]");
  EXPECT_EQ(record["content"], "[已匿名]");
  EXPECT_EQ(record["outcome"], "[已匿名]");
  EXPECT_EQ(admin_->get("/api/v1/customers?phone=13800138000").json()["total"], 0);
  EXPECT_EQ(audit_count("customer.anonymised"), "1\n");

  auto again = admin_->post(path(id, "/anonymise"), {{"confirm", number}});
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["anonymised_at"], body["anonymised_at"]);
  EXPECT_EQ(audit_count("customer.anonymised"), "1\n");
}

TEST_P(CustomerPrivacyApiTest, KeysRotateReencryptsOfflineAndCustomersStayFindable) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(create({{"name", "客户" + std::to_string(i)},
                          {"phone", "1380013800" + std::to_string(i)},
                          {"email", "c" + std::to_string(i) + "@example.com"},
                          {"address", {{"detail", "文三路" + std::to_string(i)}}}})["id"]);
  }
  // An order's receiver is sealed with the same key and must be re-sealed too.
  db_->sql("INSERT INTO warehouses (code, name, is_default, created_at_ms, updated_at_ms) "
           "VALUES ('WH1', '杭州仓', 1, 0, 0)");
  db_->sql("INSERT INTO products (sku, name, price_fen, created_at_ms, updated_at_ms) "
           "VALUES ('SKU-A', '商品', 1000, 0, 0)");
  auto order = admin_->post(
      "/api/v1/orders",
      {{"platform", "taobao"},
       {"customer", {{"name", "客户1"}, {"phone", "13800138001"}}},
       {"items", {{{"sku", "SKU-A"}, {"quantity", 1}}}},
       {"receiver", {{"name", "客户1"}, {"phone", "13800138001"}, {"province", "浙江省"},
                     {"city", "杭州市"}, {"district", "西湖区"}, {"address", "文三路1号"}}}});
  ASSERT_EQ(order.status, 201) << order.body;
  const std::string order_path =
      "/api/v1/orders/" + std::to_string(order.json()["id"].get<int64_t>()) + "?reveal=true";
  stop();
  const std::string key_file = db_->dir() + "/shopcrm.key";

  // A key given as SHOPCRM_KEY cannot be rotated: refused, nothing touched.
  auto refused = run_shopcrm({"keys", "rotate", "--db", db_->url()},
                             {{"SHOPCRM_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
                              {"SHOPCRM_KEY_FILE", key_file}});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("SHOPCRM_KEY"), std::string::npos) << refused.err;

  auto rotated = run_shopcrm({"keys", "rotate", "--db", db_->url(), "--batch", "2"},
                             {{"SHOPCRM_KEY_FILE", key_file}});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  EXPECT_NE(rotated.out.find("3 customers"), std::string::npos) << rotated.out;
  std::ifstream in(key_file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.rfind("shopcrm-keyring v2\n", 0), 0u);
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(lines, 2u) << "the old key is retired";
  EXPECT_EQ(db_->sql("SELECT COUNT(*) FROM customers WHERE phone_cipher LIKE 'v1.%'"), "0\n");
  EXPECT_NE(rotated.out.find("1 order receivers"), std::string::npos) << rotated.out;
  EXPECT_EQ(db_->sql("SELECT COUNT(*) FROM orders WHERE receiver_phone_cipher LIKE 'v1.%' OR "
                     "receiver_address_cipher LIKE 'v1.%'"),
            "0\n");

  start();
  auto found = admin_->get("/api/v1/customers?phone=13800138001");
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.json()["total"], 1) << found.body;
  EXPECT_EQ(found.json()["items"][0]["id"], ids[1]);
  auto revealed = admin_->get(path(ids[2], "?reveal=true"));
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.json()["phone"], "13800138002");
  EXPECT_EQ(revealed.json()["email"], "c2@example.com");
  EXPECT_EQ(revealed.json()["address"]["detail"], "文三路2");
  EXPECT_EQ(admin_->get("/api/v1/customers?email=c0@example.com").json()["total"], 1);
  auto order_after = admin_->get(order_path);
  ASSERT_EQ(order_after.status, 200) << order_after.body;
  EXPECT_EQ(order_after.json()["receiver"]["phone"], "13800138001");
  EXPECT_EQ(order_after.json()["receiver"]["address"], "文三路1号");
}

INSTANTIATE_TEST_SUITE_P(Databases, CustomerPrivacyApiTest, ::testing::Values("sqlite", "postgres"),
                         database_name);

}  // namespace
}  // namespace crm::test
