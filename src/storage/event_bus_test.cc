// SPDX-License-Identifier: Apache-2.0
#include "storage/event_bus.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "storage/migration_runner.h"
#include "storage/system_migrations.h"
#include "storage/test_databases.h"
#include "storage/worker.h"

namespace crm::storage {
namespace {

class EventBusTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const ModuleMigrations modules[] = {{"system", migrations::system()}};
    auto migrated = MigrationRunner(db(), clock_).apply(modules);
    ASSERT_TRUE(migrated) << migrated.error().message;
  }
  void append(std::string type, std::string payload) {
    auto id = db().transaction([&](Connection& tx) {
      return Outbox::append(tx, clock_, type, payload);
    });
    ASSERT_TRUE(id) << id.error().detail;
  }
};

TEST_P(EventBusTest, DeliversOnceInOrder) {
  append("order.paid", "1");
  append("other.thing", "x");
  append("order.paid", "2");
  EventBus bus(db(), clock_);
  std::vector<std::string> delivered;
  bus.subscribe("order.paid", [&](const Event& event) -> Result<void> {
    delivered.push_back(event.payload);
    return {};
  });
  auto first = bus.dispatch_pending(100);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(*first, 3);
  EXPECT_EQ(delivered, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(*bus.dispatch_pending(100), 0);
  EXPECT_EQ(delivered.size(), 2u);
  auto pending = db().read([](Connection& c) { return Outbox::pending_count(c); });
  EXPECT_EQ(*pending, 0);
}

TEST_P(EventBusTest, SubscriberErrorLeavesEventForRetry) {
  append("e", "1");
  append("e", "2");
  append("e", "3");
  EventBus bus(db(), clock_);
  int failures_left = 1;
  std::vector<std::string> delivered;
  bus.subscribe("e", [&](const Event& event) -> Result<void> {
    if (event.payload == "2" && failures_left-- > 0) return unavailable("test.down", "down");
    delivered.push_back(event.payload);
    return {};
  });
  EXPECT_EQ(*bus.dispatch_pending(100), 1);
  EXPECT_EQ(delivered, (std::vector<std::string>{"1"}));
  EXPECT_EQ(*bus.dispatch_pending(100), 2);
  EXPECT_EQ(delivered, (std::vector<std::string>{"1", "2", "3"}));
}

TEST_P(EventBusTest, WorkerRunsJobsRetriesWithBackoffAndDispatchesEvents) {
  JobQueue jobs(db(), clock_);
  EventBus bus(db(), clock_);
  Worker worker(jobs, bus, clock_, {.worker_id = "t", .backoff_base_ms = 1000});
  int calls = 0;
  worker.register_handler("flaky", [&](const Job&) -> Result<void> {
    if (++calls == 1) return unavailable("test.down", "down");
    return {};
  });
  int events = 0;
  bus.subscribe("e", [&](const Event&) -> Result<void> {
    ++events;
    return {};
  });
  append("e", "{}");
  int64_t id = 0;
  ASSERT_TRUE(db().transaction([&](Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(id, jobs.enqueue(tx, "flaky", "{}"));
    return {};
  }));
  EXPECT_EQ(*worker.run_once(), 1);
  EXPECT_EQ(events, 1);
  auto failed = jobs.get(id);
  EXPECT_EQ(failed->status, "queued");
  EXPECT_EQ(failed->run_at_ms, clock_.now_ms() + 1000);
  EXPECT_EQ(*worker.run_once(), 0);  // backing off
  clock_.advance_ms(1000);
  EXPECT_EQ(*worker.run_once(), 1);
  EXPECT_EQ(jobs.get(id)->status, "done");
  EXPECT_EQ(worker.backoff_ms(1), 1000);
  EXPECT_EQ(worker.backoff_ms(4), 8000);
  EXPECT_EQ(worker.backoff_ms(100), 60 * 60 * 1000);
}

TEST_P(EventBusTest, WorkerThreadWakesOnNotifyAndStops) {
  JobQueue jobs(db(), clock_);
  Worker worker(db(), jobs, clock_, {.worker_id = "t", .poll_interval_ms = 60'000});
  std::atomic<int> events{0};
  worker.events().subscribe("e", [&](const Event&) -> Result<void> {
    ++events;
    return {};
  });
  append("e", "{}");
  std::atomic<int> done{0};
  worker.register_handler("q", [&](const Job&) -> Result<void> {
    ++done;
    return {};
  });
  worker.start();
  ASSERT_TRUE(db().transaction([&](Connection& tx) { return jobs.enqueue(tx, "q", "{}"); }));
  worker.notify();
  for (int i = 0; i < 500 && done.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  worker.stop();
  EXPECT_EQ(done.load(), 1);
  EXPECT_EQ(events.load(), 1);
}

CRM_INSTANTIATE_STORAGE_TEST(EventBusTest);

}  // namespace
}  // namespace crm::storage
