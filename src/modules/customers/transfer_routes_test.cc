// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customers_test_fixture.h"
#include "modules/customers/tabular/table.h"
#include "storage/worker.h"

namespace crm::customers {
namespace {

using http::Method;
using http::Status;

class TransferRoutesTest : public CustomersFixture {
 protected:
  void SetUp() override {
    CustomersFixture::SetUp();
    if (IsSkipped()) return;
    add_actor("exporter", 1, "all",
              {"customers.view", "customers.edit", "customers.export", "customers.view_pii"});
    add_actor("own_exporter", 3, "own", {"customers.view", "customers.edit", "customers.export"});
    worker_ = std::make_unique<storage::Worker>(database_.db(), *jobs_, clock_);
    module_->subscribe(worker_->events(), *worker_);
  }

  http::Response upload(const std::string& actor, const std::string& bytes,
                        const std::string& filename = "customers.csv") {
    auto request = http::Request::for_test(Method::kPost,
                                           "/api/v1/customer-imports?filename=" + filename, bytes,
                                           {{"X-Test-Actor", actor}});
    auto response = router_.dispatch(request);
    if (!response) return http::error_response(response.error(), "test");
    return std::move(response).value();
  }

  // Uploads, starts with the suggested mapping and runs the job; returns the finished import.
  Json import(const std::string& actor, const std::string& bytes, Json options = Json::object()) {
    http::Response uploaded = upload(actor, bytes);
    EXPECT_EQ(uploaded.status(), Status::kCreated) << uploaded.body();
    const Json created = body(uploaded);
    if (!options.contains("mapping")) options["mapping"] = created["suggested_mapping"];
    const std::string url = "/api/v1/customer-imports/" + std::to_string(created["id"].get<int64_t>());
    http::Response started = call(actor, Method::kPost, url + "/start", options);
    EXPECT_EQ(started.status(), Status::kAccepted) << started.body();
    EXPECT_EQ(body(started)["status"], "queued");
    EXPECT_EQ(*worker_->run_once(), 1);
    return body(call(actor, Method::kGet, url));
  }

  Json run_export(const std::string& actor, const Json& request) {
    http::Response created = call(actor, Method::kPost, "/api/v1/customer-exports", request);
    EXPECT_EQ(created.status(), Status::kAccepted) << created.body();
    EXPECT_EQ(*worker_->run_once(), 1);
    return body(call(actor, Method::kGet,
                     "/api/v1/customer-exports/" + std::to_string(body(created)["id"].get<int64_t>())));
  }

  std::unique_ptr<storage::Worker> worker_;
};

const std::string kCsv =
    "姓名,手机,邮箱,性别,生日,省份,城市,详细地址,标签,分类,短信营销,备注\r\n"
    "李雷,138 0013 8000,lilei@example.com,男,1990/5/1,浙江省,杭州市,文三路100号,VIP；复购,批发客户,是,老客\r\n"
    "韩梅梅,13900139000,,女,1991-02-03,江苏省,南京市,,VIP,,否,\r\n";

TEST_P(TransferRoutesTest, CsvImportCreatesCustomersWithTagsCategoriesHistoryAndAudit) {
  http::Response uploaded = upload("sales", kCsv);
  ASSERT_EQ(uploaded.status(), Status::kCreated) << uploaded.body();
  Json created = body(uploaded);
  EXPECT_EQ(created["format"], "csv");
  EXPECT_EQ(created["status"], "uploaded");
  EXPECT_EQ(created["row_count"], 2);
  EXPECT_EQ(created["columns"][0], "姓名");
  EXPECT_EQ(created["preview"][1][0], "韩梅梅");
  EXPECT_EQ(created["suggested_mapping"]["手机"], "phone");
  EXPECT_EQ(created["suggested_mapping"]["短信营销"], "consent_sms");

  Json finished = import("sales", kCsv);
  ASSERT_EQ(finished["status"], "succeeded") << finished.dump();
  EXPECT_EQ(finished["created"], 2);
  EXPECT_EQ(finished["updated"], 0);
  EXPECT_EQ(finished["processed"], 2);
  EXPECT_EQ(finished["error_count"], 0);

  Json list = body(call("sales", Method::kGet, "/api/v1/customers?sort=created_at"));
  ASSERT_EQ(list["total"], 2);
  Json li = list["items"][0];
  EXPECT_EQ(li["name"], "李雷");
  EXPECT_EQ(li["phone"], "138****8000");
  EXPECT_EQ(li["gender"], "male");
  EXPECT_EQ(li["birthday"], "1990-05-01");
  EXPECT_EQ(li["owner_id"], 3);
  EXPECT_EQ(li["consent"]["sms"], true);
  EXPECT_EQ(li["tags"], (Json{"VIP", "复购"}));
  EXPECT_EQ(li["categories"][0]["name"], "批发客户");
  EXPECT_EQ(list["items"][1]["consent"]["sms"], false);
  // Stored sealed like the service does.
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE phone_index = '" +
                  keyring_.blind_index("phone", "13800138000") + "'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers WHERE phone_cipher LIKE '%13800138000%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE action = 'imported'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.imported'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_imports WHERE file IS NOT NULL"), 1);  // only the upload above

  // At-least-once: running the same job again changes nothing.
  auto job = database_.db().read([](storage::Connection& c) {
    return c.query_one("SELECT payload FROM jobs WHERE queue = 'customers.import' ORDER BY id DESC");
  });
  ASSERT_TRUE(job);
  storage::Job again;
  again.payload = job->get_string(0);
  again.attempts = 2;
  again.max_attempts = 8;
  ASSERT_TRUE(module_->imports().run(again));
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.imported'"), 1);

  // Only the creator sees an import.
  const std::string url = "/api/v1/customer-imports/" + std::to_string(finished["id"].get<int64_t>());
  EXPECT_EQ(body(call("sales2", Method::kGet, url))["error"]["code"], "import.not_found");
  EXPECT_EQ(call("sales", Method::kPost, url + "/start", {{"mapping", finished["mapping"]}}).status(),
            Status::kConflict);
  Json mine = body(call("sales", Method::kGet, "/api/v1/customer-imports?limit=1"));
  EXPECT_EQ(mine["items"].size(), 1u);
  EXPECT_FALSE(mine["next_after"].is_null());
}

TEST_P(TransferRoutesTest, AnyRowErrorWritesNothingAndTheReportNamesRowAndField) {
  create("sales", {{"name", "已有"}, {"email", "taken@example.com"}});
  const std::string csv =
      "姓名,手机,生日,邮箱\n"
      "张三,13800000001,1990-01-01,\n"
      "李四,12345,1990-01-01,\n"
      "王五,13800000003,1990-13-40,\n"
      ",13800000004,,\n"
      "赵六,13800000001,,taken@example.com\n";
  Json finished = import("sales", csv);
  ASSERT_EQ(finished["status"], "failed") << finished.dump();
  EXPECT_EQ(finished["created"], 0);
  ASSERT_EQ(finished["error_count"], 5) << finished["errors"].dump();
  const Json& errors = finished["errors"];
  EXPECT_EQ(errors[0]["row"], 3);
  EXPECT_EQ(errors[0]["field"], "phone");
  EXPECT_EQ(errors[0]["column"], "手机");
  EXPECT_EQ(errors[0]["code"], "customer.invalid_phone");
  EXPECT_EQ(errors[1]["row"], 4);
  EXPECT_EQ(errors[1]["field"], "birthday");
  EXPECT_EQ(errors[1]["code"], "customer.invalid_birthday");
  EXPECT_EQ(errors[2]["row"], 5);
  EXPECT_EQ(errors[2]["field"], "name");
  EXPECT_EQ(errors[3]["row"], 6);
  EXPECT_EQ(errors[3]["code"], "import.duplicate_in_file");
  EXPECT_EQ(errors[4]["code"], "customer.email_taken");
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_imports WHERE file IS NOT NULL"), 0);

  http::Response report =
      call("sales", Method::kGet,
           "/api/v1/customer-imports/" + std::to_string(finished["id"].get<int64_t>()) + "/errors");
  ASSERT_EQ(report.status(), Status::kOk);
  EXPECT_NE(report.header("Content-Disposition").value_or("").find("attachment"), std::string::npos);
  auto table = tabular::read_csv(report.body());
  ASSERT_TRUE(table);
  EXPECT_EQ(table->header, (std::vector<std::string>{"行号", "列", "字段", "错误代码", "错误说明"}));
  ASSERT_EQ(table->rows.size(), 5u);
  EXPECT_EQ(table->rows[0][0], "3");
  EXPECT_EQ(table->rows[0][2], "phone");
  EXPECT_EQ(table->rows[1][0], "4");
  EXPECT_EQ(table->rows[1][2], "birthday");
}

TEST_P(TransferRoutesTest, DryRunCountsAndWritesNothing) {
  create("sales", {{"name", "李雷"}, {"phone", "13800138000"}});
  Json finished = import("sales", kCsv, {{"dry_run", true}});
  ASSERT_EQ(finished["status"], "succeeded") << finished.dump();
  EXPECT_TRUE(finished["dry_run"].get<bool>());
  EXPECT_EQ(finished["created"], 1);
  EXPECT_EQ(finished["updated"], 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_history WHERE action = 'imported'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customer_categories"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.imported'"), 0);
}

TEST_P(TransferRoutesTest, MatchedRowsUpdateOnlyInsideTheCallersScope) {
  const int64_t mine = create("sales", {{"name", "李雷"}, {"phone", "13800138000"}})["id"];
  create("sales2", {{"name", "别人的"}, {"phone", "13900139000"}});
  Json finished = import("sales", kCsv);
  ASSERT_EQ(finished["status"], "failed") << finished.dump();
  ASSERT_EQ(finished["error_count"], 1);
  EXPECT_EQ(finished["errors"][0]["row"], 3);
  EXPECT_EQ(finished["errors"][0]["code"], "customer.phone_taken");

  finished = import("sales", "姓名,手机,备注\n李雷改,13800138000,新备注\n");
  ASSERT_EQ(finished["status"], "succeeded") << finished.dump();
  EXPECT_EQ(finished["updated"], 1);
  Json customer = body(call("sales", Method::kGet, "/api/v1/customers/" + std::to_string(mine)));
  EXPECT_EQ(customer["name"], "李雷改");
  EXPECT_EQ(customer["notes"], "新备注");
  EXPECT_EQ(customer["version"], 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 2);
}

TEST_P(TransferRoutesTest, StartValidatesTheMapping) {
  Json created = body(upload("sales", kCsv));
  const std::string url =
      "/api/v1/customer-imports/" + std::to_string(created["id"].get<int64_t>()) + "/start";
  auto code = [&](const Json& request) {
    http::Response response = call("sales", Method::kPost, url, request);
    EXPECT_EQ(response.status(), Status::kBadRequest) << response.body();
    return body(response)["error"]["code"].get<std::string>();
  };
  EXPECT_EQ(code({{"mapping", {{"手机", "phone"}}}}), "import.mapping_invalid");  // no name
  EXPECT_EQ(code({{"mapping", {{"姓名", "name"}, {"手机", "nope"}}}}), "import.mapping_invalid");
  EXPECT_EQ(code({{"mapping", {{"姓名", "name"}, {"备注", "name"}}}}), "import.mapping_invalid");
  EXPECT_EQ(code({{"mapping", {{"列9", "name"}}}}), "import.mapping_invalid");
  EXPECT_EQ(code({{"mapping", {{"姓名", "name"}}}, {"match_by", "fax"}}), "validation.enum");
  EXPECT_EQ(body(upload("sales", ""))["error"]["code"], "import.empty");
  EXPECT_EQ(body(upload("sales", "PK\x03\x04junk"))["error"]["code"], "import.unreadable");
}

TEST_P(TransferRoutesTest, XlsxImportsLikeCsv) {
  auto bytes = tabular::write_xlsx("客户", {"姓名", "手机", "阶段"},
                                   {{"李雷", "13800138000", "会员"}, {"韩梅梅", "", "潜在"}});
  ASSERT_TRUE(bytes);
  Json finished = import("sales", *bytes);
  ASSERT_EQ(finished["status"], "succeeded") << finished.dump();
  EXPECT_EQ(finished["format"], "xlsx");
  EXPECT_EQ(finished["created"], 2);
  Json list = body(call("sales", Method::kGet, "/api/v1/customers?sort=created_at"));
  EXPECT_EQ(list["items"][0]["stage"], "member");
}

TEST_P(TransferRoutesTest, ExportMasksNeutralisesFormulasAndImportsBack) {
  create("exporter", {{"name", "李雷"}, {"phone", "13800138000"}, {"notes", "=1+1"}});
  create("own_exporter", {{"name", "韩梅梅"}, {"phone", "13900139000"}});

  Json done = run_export("exporter", {{"format", "csv"}});
  ASSERT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_EQ(done["total"], 2);
  http::Response file =
      call("exporter", Method::kGet,
           "/api/v1/customer-exports/" + std::to_string(done["id"].get<int64_t>()) + "/file");
  ASSERT_EQ(file.status(), Status::kOk) << file.body();
  EXPECT_TRUE(file.body().starts_with("\xEF\xBB\xBF客户编号,姓名,性别"));
  EXPECT_NE(file.body().find("'=1+1"), std::string::npos);
  EXPECT_NE(file.body().find("138****8000"), std::string::npos);
  EXPECT_EQ(file.body().find("13800138000"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.exported'"), 1);

  // Own scope: only the caller's customer.
  Json own = run_export("own_exporter", {{"format", "csv"}});
  EXPECT_EQ(own["total"], 1);

  // Unmask needs view_pii; with it the phone is in clear and audited as unmasked.
  EXPECT_EQ(call("own_exporter", Method::kPost, "/api/v1/customer-exports", {{"unmask", true}})
                .status(),
            Status::kForbidden);
  EXPECT_EQ(call("sales", Method::kPost, "/api/v1/customer-exports", Json::object()).status(),
            Status::kForbidden);
  EXPECT_EQ(body(call("exporter", Method::kPost, "/api/v1/customer-exports",
                      {{"filters", {{"stage", "gold"}}}}))["error"]["code"],
            "export.invalid");
  Json unmasked = run_export("exporter", {{"format", "csv"}, {"unmask", true}});
  http::Response clear =
      call("exporter", Method::kGet,
           "/api/v1/customer-exports/" + std::to_string(unmasked["id"].get<int64_t>()) + "/file");
  EXPECT_NE(clear.body().find("13800138000"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'customer.exported' AND "
                  "changes LIKE '%\"unmask\":true%'"), 1);

  // The unmasked export imports back (matched by phone: updates, no duplicates).
  Json back = import("exporter", clear.body(), {{"match_by", "number"}});
  ASSERT_EQ(back["status"], "succeeded") << back.dump();
  EXPECT_EQ(back["updated"], 2);
  EXPECT_EQ(back["created"], 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 2);

  // Default format: xlsx; a not-finished export's file is 409.
  http::Response queued = call("exporter", Method::kPost, "/api/v1/customer-exports", Json::object());
  EXPECT_EQ(body(queued)["format"], "xlsx");
  EXPECT_EQ(call("exporter", Method::kGet,
                 "/api/v1/customer-exports/" + std::to_string(body(queued)["id"].get<int64_t>()) +
                     "/file")
                .status(),
            Status::kConflict);
  EXPECT_EQ(*worker_->run_once(), 1);
  http::Response xlsx = call(
      "exporter", Method::kGet,
      "/api/v1/customer-exports/" + std::to_string(body(queued)["id"].get<int64_t>()) + "/file");
  ASSERT_EQ(xlsx.status(), Status::kOk);
  auto table = tabular::read_table(xlsx.body());
  ASSERT_TRUE(table);
  EXPECT_EQ(table->rows.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Databases, TransferRoutesTest, testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace crm::customers
