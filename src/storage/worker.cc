// SPDX-License-Identifier: Apache-2.0
#include "storage/worker.h"

#include <chrono>
#include <exception>

#include "core/log.h"

namespace crm::storage {

Worker::Worker(JobQueue& queue, EventBus& bus, const Clock& clock, WorkerOptions options)
    : queue_(queue), bus_(bus), clock_(clock), options_(std::move(options)) {}

Worker::Worker(Database& database, JobQueue& queue, const Clock& clock, WorkerOptions options)
    : owned_bus_(std::make_unique<EventBus>(database, clock)), queue_(queue), bus_(*owned_bus_),
      clock_(clock), options_(std::move(options)) {}

Worker::~Worker() { stop(); }

void Worker::register_handler(std::string queue, Handler handler) {
  handlers_[std::move(queue)] = std::move(handler);
}

void Worker::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Worker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Worker::notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

int64_t Worker::backoff_ms(int attempts) const {
  int64_t delay = options_.backoff_base_ms;
  for (int i = 1; i < attempts && delay < options_.backoff_max_ms; ++i) delay *= 2;
  return delay < options_.backoff_max_ms ? delay : options_.backoff_max_ms;
}

Result<int> Worker::run_once() {
  auto dispatched = bus_.dispatch_pending(options_.event_batch_size);
  if (!dispatched) {
    log::warn("worker.dispatch_failed", {{"code", dispatched.error().code},
                                         {"detail", dispatched.error().detail}});
  }
  CRM_TRY_ASSIGN(std::vector<Job> jobs,
                 queue_.claim(options_.worker_id, options_.batch_size, options_.lease_ms));
  for (const Job& job : jobs) {
    Result<void> outcome = Error{};
    auto handler = handlers_.find(job.queue);
    if (handler == handlers_.end()) {
      outcome = internal_error("no handler registered for queue " + job.queue);
    } else {
      try {
        outcome = handler->second(job);
      } catch (const std::exception& e) {
        outcome = internal_error(std::string("exception: ") + e.what());
      }
    }
    if (outcome) {
      CRM_TRY(queue_.complete(job.id));
      continue;
    }
    const Error& error = outcome.error();
    const std::string text = error.code + ": " + (error.detail.empty() ? error.message : error.detail);
    log::warn("worker.job_failed", {{"job_id", job.id}, {"queue", job.queue},
                                    {"attempts", job.attempts}, {"error", text}});
    CRM_TRY(queue_.fail(job.id, text, clock_.now_ms() + backoff_ms(job.attempts)));
  }
  return static_cast<int>(jobs.size());
}

void Worker::loop() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    auto ran = run_once();
    if (!ran) {
      log::warn("worker.round_failed", {{"code", ran.error().code}, {"detail", ran.error().detail}});
    }
    std::unique_lock lock(mutex_);
    // A full batch means more work is probably waiting: go again without sleeping.
    if (ran && *ran >= options_.batch_size) continue;
    wake_.wait_for(lock, std::chrono::milliseconds(options_.poll_interval_ms),
                   [this] { return stopping_ || notified_; });
    notified_ = false;
  }
}

}  // namespace crm::storage
