// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/messaging_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "modules/messaging/messaging_module.h"
#include "modules/testing/test_database.h"
#include "storage/worker.h"

namespace crm::messaging {
namespace {

class MessagingServiceTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << database_.skip_reason();
    database_.migrate(clock_, {});
    char pattern[] = "/tmp/crm_messaging_XXXXXX";
    dir_ = mkdtemp(pattern);
    config_.set_for_test("messaging.outbox_file", dir_ + "/data/outbox.log");
    jobs_ = std::make_unique<storage::JobQueue>(database_.db(), clock_);
    worker_ = std::make_unique<storage::Worker>(database_.db(), *jobs_, clock_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  int64_t enqueue(MessagingService& service, const Message& message) {
    auto id = database_.db().transaction(
        [&](storage::Connection& tx) { return service.enqueue(tx, message); });
    EXPECT_TRUE(id) << id.error().code;
    return id ? *id : 0;
  }

  std::vector<Json> outbox() {
    std::ifstream in(dir_ + "/data/outbox.log");
    std::vector<Json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
    return lines;
  }

  ManualClock clock_;
  test::TestDatabase database_{GetParam()};
  std::string dir_;
  Config config_;
  std::unique_ptr<storage::JobQueue> jobs_;
  std::unique_ptr<storage::Worker> worker_;
};

TEST_P(MessagingServiceTest, EnqueuedMessageIsDeliveredToTheFileAndItsPayloadCleared) {
  // Wired exactly as app/module_list.cc does: the module registers the job handler.
  SeededRandom random(1);
  http::Metrics metrics;
  modules::ModuleContext context{database_.db(), clock_, random, config_, *jobs_, metrics};
  MessagingModule module(context);
  module.subscribe(worker_->events(), *worker_);
  EXPECT_EQ(module.name(), "messaging");
  MessagingService& service = module.service();
  EXPECT_TRUE(service.uses_file_sender(Channel::kEmail));
  EXPECT_TRUE(service.uses_file_sender(Channel::kSms));

  const int64_t email = enqueue(service, {Channel::kEmail, "han@example.cn", "验证码", "码 123456"});
  const int64_t sms = enqueue(service, {Channel::kSms, "13800138000", "", "码 654321"});
  EXPECT_NE(jobs_->get(email)->payload.find("123456"), std::string::npos);
  EXPECT_TRUE(outbox().empty()) << "nothing is sent before the worker runs";

  auto ran = worker_->run_once();
  ASSERT_TRUE(ran) << ran.error().detail;
  EXPECT_EQ(*ran, 2);
  const auto lines = outbox();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["channel"], "email");
  EXPECT_EQ(lines[0]["to"], "han@example.cn");
  EXPECT_EQ(lines[0]["subject"], "验证码");
  EXPECT_EQ(lines[0]["body"], "码 123456");
  EXPECT_EQ(lines[1]["channel"], "sms");
  for (int64_t id : {email, sms}) {
    auto job = jobs_->get(id);
    EXPECT_EQ(job->status, "done");
    EXPECT_EQ(job->payload, "{}");
  }
  // A blanked job run again (a lost lease) sends nothing.
  EXPECT_TRUE(service.deliver(*jobs_->get(email)));
  EXPECT_EQ(outbox().size(), 2u);
}

TEST_P(MessagingServiceTest, RolledBackTransactionSendsNothing) {
  MessagingService service(config_, clock_, *jobs_);
  worker_->register_handler(std::string(kSendQueue),
                            [&](const storage::Job& job) { return service.deliver(job); });
  auto failed = database_.db().transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY(service.enqueue(tx, {Channel::kSms, "13800138000", "", "x"}));
    return conflict("test.rollback", "roll back");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(*worker_->run_once(), 0);
  EXPECT_TRUE(outbox().empty());
}

TEST_P(MessagingServiceTest, InvalidMessageIsRefusedAtEnqueue) {
  MessagingService service(config_, clock_, *jobs_);
  auto id = database_.db().transaction([&](storage::Connection& tx) {
    return service.enqueue(tx, {Channel::kEmail, "a@b\r\nBcc: c@d", "s", "b"});
  });
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, "messaging.invalid_message");
}

TEST_P(MessagingServiceTest, FailedSendIsRetriedAndADeadJobKeepsNoCode) {
  config_.set_for_test("messaging.sms_gateway_url", "http://127.0.0.1:1/send");
  MessagingService service(config_, clock_, *jobs_);
  EXPECT_TRUE(service.uses_file_sender(Channel::kEmail));
  EXPECT_FALSE(service.uses_file_sender(Channel::kSms));
  worker_->register_handler(std::string(kSendQueue),
                            [&](const storage::Job& job) { return service.deliver(job); });

  auto id = database_.db().transaction([&](storage::Connection& tx) {
    return jobs_->enqueue(tx, kSendQueue, dump_json(to_json({Channel::kSms, "138", "", "c 123456"})),
                          0, 2);
  });
  ASSERT_TRUE(id);
  ASSERT_TRUE(worker_->run_once());
  auto job = jobs_->get(*id);
  EXPECT_EQ(job->status, "queued");
  EXPECT_NE(job->payload.find("123456"), std::string::npos);  // kept for the retry
  EXPECT_NE(job->last_error->find("messaging.send_failed"), std::string::npos);
  EXPECT_EQ(job->last_error->find("123456"), std::string::npos);

  clock_.advance_ms(worker_->backoff_ms(1));
  ASSERT_TRUE(worker_->run_once());
  job = jobs_->get(*id);
  EXPECT_EQ(job->status, "dead");
  EXPECT_EQ(job->payload, "{}");
  EXPECT_TRUE(outbox().empty());
}

INSTANTIATE_TEST_SUITE_P(Databases, MessagingServiceTest, testing::ValuesIn(test::kBackends),
                         test::backend_name);

}  // namespace
}  // namespace crm::messaging
