// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/result.h"
#include "storage/event_bus.h"
#include "storage/job_queue.h"

namespace crm::storage {

struct WorkerOptions {
  std::string worker_id = "worker";  // locked_by; make it unique per node (host:pid)
  int poll_interval_ms = 1000;
  int batch_size = 16;
  int event_batch_size = 100;
  int64_t lease_ms = 5 * 60 * 1000;      // a job running longer is claimed again
  int64_t backoff_base_ms = 1000;        // retry n waits base * 2^(n-1) ...
  int64_t backoff_max_ms = 60 * 60 * 1000;  // ... capped here
};

// A background thread that, every poll interval (or when notified), delivers pending outbox
// events through the EventBus and runs claimed jobs through the handler registered for their
// queue. A failed job (error, exception or no handler) is retried with exponential backoff
// until it is dead. Register handlers before start(); start/stop/notify are thread-safe.
class Worker {
 public:
  using Handler = std::function<Result<void>(const Job&)>;

  Worker(JobQueue& queue, EventBus& bus, const Clock& clock, WorkerOptions options = {});
  // Convenience: a Worker that owns its EventBus over `database` (subscribe via events()).
  Worker(Database& database, JobQueue& queue, const Clock& clock, WorkerOptions options = {});
  ~Worker();  // stops
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void register_handler(std::string queue, Handler handler);
  void start();
  // Asks the loop to end, lets the current job finish, and joins. Idempotent.
  void stop();
  // Wakes the loop now (e.g. right after enqueueing).
  void notify();

  // One round (events, then one batch of jobs) on the calling thread; for tests and the
  // command line. Returns the number of jobs run.
  Result<int> run_once();

  EventBus& events() { return bus_; }

  // When the n-th failed attempt (n >= 1) should be retried, relative to now.
  int64_t backoff_ms(int attempts) const;

 private:
  void loop();

  std::unique_ptr<EventBus> owned_bus_;  // only with the convenience constructor
  JobQueue& queue_;
  EventBus& bus_;
  const Clock& clock_;
  WorkerOptions options_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool notified_ = false;
  std::thread thread_;
};

}  // namespace crm::storage
