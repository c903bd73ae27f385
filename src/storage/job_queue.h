// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "storage/database.h"

namespace crm::storage {

// A row of the `jobs` table. status is one of "queued", "running", "done", "dead".
struct Job {
  int64_t id = 0;
  std::string queue;
  std::string payload;  // JSON text
  std::string status;
  int attempts = 0;      // including the current one when claimed
  int max_attempts = 0;
  int64_t run_at_ms = 0;
  std::optional<std::string> locked_by;
  std::optional<int64_t> locked_until_ms;
  std::optional<std::string> last_error;
  int64_t created_at_ms = 0;
};

// The durable job queue in the `jobs` table (system migration 0001). Jobs are enqueued inside the
// caller's transaction, so a job exists iff the write that caused it committed. Workers claim
// batches under a lease; a job whose lease expired is claimed again (at-least-once execution, so
// handlers must be idempotent). On PostgreSQL claims use FOR UPDATE SKIP LOCKED so several nodes
// share work; on SQLite the single writer serialises claims. Thread-safe.
class JobQueue {
 public:
  JobQueue(Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // Adds a job to `queue`; run_at_ms 0 means now. Returns the job id.
  Result<int64_t> enqueue(Connection& tx, std::string_view queue, std::string_view payload_json,
                          int64_t run_at_ms = 0, int max_attempts = 8);
  // Claims up to `limit` due jobs (queued and due, or running with an expired lease) for
  // `worker_id` until now + lease_ms; increments attempts. Ordered by run_at_ms, id.
  Result<std::vector<Job>> claim(std::string_view worker_id, int limit, int64_t lease_ms);
  // Marks a job done.
  Result<void> complete(int64_t id);
  // Replaces the job's payload with "{}" (in its own transaction), for payloads that hold secrets
  // such as one-time codes once they are no longer needed. An unknown id is not an error.
  Result<void> clear_payload(int64_t id);
  // Records a failure: back to queued at retry_at_ms, or "dead" once attempts >= max_attempts.
  Result<void> fail(int64_t id, std::string_view error_text, int64_t retry_at_ms);
  // Jobs per status, for /metrics (statuses with no jobs are absent).
  Result<std::map<std::string, int64_t>> counts();
  // The job, or kNotFound "storage.no_row".
  Result<Job> get(int64_t id);

 private:
  Database& database_;
  const Clock& clock_;
};

}  // namespace crm::storage
