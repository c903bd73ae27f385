// SPDX-License-Identifier: Apache-2.0
#include "storage/job_queue.h"

#include <algorithm>

namespace crm::storage {

namespace {

constexpr std::string_view kJobColumns =
    "id, queue, payload, status, attempts, max_attempts, run_at_ms, locked_by, locked_until_ms, "
    "last_error, created_at_ms";

Job job_from_row(const Row& row) {
  Job job;
  job.id = row.get_int(0);
  job.queue = row.get_string(1);
  job.payload = row.get_string(2);
  job.status = row.get_string(3);
  job.attempts = static_cast<int>(row.get_int(4));
  job.max_attempts = static_cast<int>(row.get_int(5));
  job.run_at_ms = row.get_int(6);
  job.locked_by = row.get_optional_string(7);
  job.locked_until_ms = row.get_optional_int(8);
  job.last_error = row.get_optional_string(9);
  job.created_at_ms = row.get_int(10);
  return job;
}

std::string claim_sql(Dialect dialect) {
  std::string sql =
      "UPDATE jobs SET status = 'running', locked_by = ?, locked_until_ms = ?, "
      "attempts = attempts + 1, updated_at_ms = ? "
      "WHERE id IN (SELECT id FROM jobs WHERE (status = 'queued' AND run_at_ms <= ?) "
      "OR (status = 'running' AND locked_until_ms < ?) ORDER BY run_at_ms, id LIMIT ?";
  if (dialect == Dialect::kPostgres) sql += " FOR UPDATE SKIP LOCKED";
  sql += ") RETURNING ";
  sql += kJobColumns;
  return sql;
}

}  // namespace

Result<int64_t> JobQueue::enqueue(Connection& tx, std::string_view queue,
                                  std::string_view payload_json, int64_t run_at_ms,
                                  int max_attempts) {
  const int64_t now = clock_.now_ms();
  CRM_TRY_ASSIGN(Row row, tx.query_one(
      "INSERT INTO jobs (queue, payload, status, attempts, max_attempts, run_at_ms, "
      "created_at_ms, updated_at_ms) VALUES (?, ?, 'queued', 0, ?, ?, ?, ?) RETURNING id",
      queue, payload_json, max_attempts, run_at_ms == 0 ? now : run_at_ms, now, now));
  return row.get_int(0);
}

Result<std::vector<Job>> JobQueue::claim(std::string_view worker_id, int limit,
                                         int64_t lease_ms) {
  const int64_t now = clock_.now_ms();
  const std::string sql = claim_sql(database_.dialect());
  return database_.transaction([&](Connection& tx) -> Result<std::vector<Job>> {
    CRM_TRY_ASSIGN(auto rows, tx.query(sql, worker_id, now + lease_ms, now, now, now, limit));
    std::vector<Job> jobs;
    for (const Row& row : rows) jobs.push_back(job_from_row(row));
    // RETURNING does not promise an order.
    std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
      return a.run_at_ms != b.run_at_ms ? a.run_at_ms < b.run_at_ms : a.id < b.id;
    });
    return jobs;
  });
}

Result<void> JobQueue::complete(int64_t id) {
  const int64_t now = clock_.now_ms();
  return database_.transaction([&](Connection& tx) -> Result<void> {
    CRM_TRY(tx.execute(
        "UPDATE jobs SET status = 'done', locked_by = NULL, locked_until_ms = NULL, "
        "updated_at_ms = ? WHERE id = ?",
        now, id));
    return {};
  });
}

Result<void> JobQueue::clear_payload(int64_t id) {
  const int64_t now = clock_.now_ms();
  return database_.transaction([&](Connection& tx) -> Result<void> {
    CRM_TRY(tx.execute("UPDATE jobs SET payload = '{}', updated_at_ms = ? WHERE id = ?", now, id));
    return {};
  });
}

Result<void> JobQueue::fail(int64_t id, std::string_view error_text, int64_t retry_at_ms) {
  const int64_t now = clock_.now_ms();
  return database_.transaction([&](Connection& tx) -> Result<void> {
    CRM_TRY(tx.execute(
        "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' "
        "END, run_at_ms = ?, last_error = ?, locked_by = NULL, locked_until_ms = NULL, "
        "updated_at_ms = ? WHERE id = ?",
        retry_at_ms, error_text.substr(0, 2000), now, id));
    return {};
  });
}

Result<std::map<std::string, int64_t>> JobQueue::counts() {
  return database_.read([](Connection& connection) -> Result<std::map<std::string, int64_t>> {
    CRM_TRY_ASSIGN(auto rows,
                   connection.query("SELECT status, COUNT(*) FROM jobs GROUP BY status"));
    std::map<std::string, int64_t> out;
    for (const Row& row : rows) out[row.get_string(0)] = row.get_int(1);
    return out;
  });
}

Result<Job> JobQueue::get(int64_t id) {
  const std::string sql = "SELECT " + std::string(kJobColumns) + " FROM jobs WHERE id = ?";
  return database_.read([&](Connection& connection) -> Result<Job> {
    CRM_TRY_ASSIGN(Row row, connection.query_one(sql, id));
    return job_from_row(row);
  });
}

}  // namespace crm::storage
