// SPDX-License-Identifier: Apache-2.0
#include "storage/job_queue.h"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "storage/migration_runner.h"
#include "storage/system_migrations.h"
#include "storage/test_databases.h"

namespace crm::storage {
namespace {

class JobQueueTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const ModuleMigrations modules[] = {{"system", migrations::system()}};
    auto migrated = MigrationRunner(db(), clock_).apply(modules);
    ASSERT_TRUE(migrated) << migrated.error().message;
  }
  JobQueue queue() { return JobQueue(db(), clock_); }
};

TEST_P(JobQueueTest, ClaimCompleteFailAndDead) {
  JobQueue jobs = queue();
  const int64_t first = [&] {
    auto id = db().transaction([&](Connection& tx) { return jobs.enqueue(tx, "mail", "{}"); });
    return id ? *id : 0;
  }();
  auto second = db().transaction([&](Connection& tx) {
    return jobs.enqueue(tx, "mail", "{\"x\":2}", 0, 2);
  });
  auto later = db().transaction([&](Connection& tx) {
    return jobs.enqueue(tx, "mail", "{}", clock_.now_ms() + 60'000);
  });
  ASSERT_TRUE(first && second && later);

  auto claimed = jobs.claim("w1", 10, 30'000);
  ASSERT_TRUE(claimed) << claimed.error().detail;
  ASSERT_EQ(claimed->size(), 2u);  // the later job is not due
  EXPECT_EQ((*claimed)[0].id, first);
  EXPECT_EQ((*claimed)[1].id, *second);
  EXPECT_EQ((*claimed)[0].status, "running");
  EXPECT_EQ((*claimed)[0].attempts, 1);
  EXPECT_EQ((*claimed)[0].locked_by, "w1");
  EXPECT_EQ((*claimed)[1].payload, "{\"x\":2}");
  EXPECT_TRUE(jobs.claim("w2", 10, 30'000)->empty());  // leased

  ASSERT_TRUE(jobs.complete(first));
  EXPECT_EQ(jobs.get(first)->status, "done");

  ASSERT_TRUE(jobs.fail(*second, "smtp down", clock_.now_ms() + 1000));
  auto retried = jobs.get(*second);
  EXPECT_EQ(retried->status, "queued");
  EXPECT_EQ(retried->last_error, "smtp down");
  EXPECT_TRUE(jobs.claim("w1", 10, 30'000)->empty());  // not yet due
  clock_.advance_ms(1000);
  auto again = jobs.claim("w1", 10, 30'000);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].attempts, 2);
  ASSERT_TRUE(jobs.fail(*second, "still down", clock_.now_ms()));
  EXPECT_EQ(jobs.get(*second)->status, "dead");  // max_attempts 2 reached

  auto counts = jobs.counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ((*counts)["done"], 1);
  EXPECT_EQ((*counts)["dead"], 1);
  EXPECT_EQ((*counts)["queued"], 1);
}

TEST_P(JobQueueTest, ExpiredLeaseIsClaimedAgain) {
  JobQueue jobs = queue();
  ASSERT_TRUE(db().transaction([&](Connection& tx) { return jobs.enqueue(tx, "q", "{}"); }));
  ASSERT_EQ(jobs.claim("w1", 1, 1000)->size(), 1u);
  EXPECT_TRUE(jobs.claim("w2", 1, 1000)->empty());
  clock_.advance_ms(1001);
  auto reclaimed = jobs.claim("w2", 1, 1000);
  ASSERT_EQ(reclaimed->size(), 1u);
  EXPECT_EQ((*reclaimed)[0].locked_by, "w2");
  EXPECT_EQ((*reclaimed)[0].attempts, 2);
}

TEST_P(JobQueueTest, ConcurrentClaimersNeverShareAJob) {
  JobQueue jobs = queue();
  constexpr int kJobs = 60;
  ASSERT_TRUE(db().transaction([&](Connection& tx) -> Result<void> {
    for (int i = 0; i < kJobs; ++i) CRM_TRY(jobs.enqueue(tx, "q", "{}"));
    return {};
  }));
  std::mutex mutex;
  std::multiset<int64_t> seen;
  auto claimer = [&](std::string worker) {
    while (true) {
      auto batch = jobs.claim(worker, 3, 600'000);
      if (!batch) {
        ADD_FAILURE() << batch.error().detail;
        return;
      }
      if (batch->empty()) return;
      std::lock_guard lock(mutex);
      for (const Job& job : *batch) seen.insert(job.id);
    }
  };
  std::thread a(claimer, "a");
  std::thread b(claimer, "b");
  a.join();
  b.join();
  EXPECT_EQ(seen.size(), static_cast<size_t>(kJobs));
  for (int64_t id : seen) EXPECT_EQ(seen.count(id), 1u) << id;
}

TEST_P(JobQueueTest, ClearPayloadBlanksOnlyThatJob) {
  JobQueue jobs = queue();
  auto secret = db().transaction([&](Connection& tx) {
    return jobs.enqueue(tx, "mail", "{\"body\":\"code 123456\"}");
  });
  auto other = db().transaction([&](Connection& tx) { return jobs.enqueue(tx, "mail", "{\"x\":1}"); });
  ASSERT_TRUE(secret && other);
  ASSERT_TRUE(jobs.clear_payload(*secret));
  EXPECT_EQ(jobs.get(*secret)->payload, "{}");
  EXPECT_EQ(jobs.get(*secret)->status, "queued");
  EXPECT_EQ(jobs.get(*other)->payload, "{\"x\":1}");
  EXPECT_TRUE(jobs.clear_payload(*other + 1000));  // unknown id: nothing to do
}

CRM_INSTANTIATE_STORAGE_TEST(JobQueueTest);

}  // namespace
}  // namespace crm::storage
