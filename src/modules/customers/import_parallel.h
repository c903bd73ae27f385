// SPDX-License-Identifier: Apache-2.0
// The import's fan-out of CPU-bound per-row work (import_checker.cc, import_writer.cc).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace crm::customers {

// The number of threads the import's CPU-bound steps use: the machine's cores, at most `limit`.
inline unsigned import_threads(unsigned limit) {
  return std::max(1u, std::min(limit, std::thread::hardware_concurrency()));
}

// Runs fn(begin, end) over [0, n) split into contiguous ranges on up to `threads` threads (the
// calling thread takes the first range; small inputs stay on it); returns when all are done.
// `fn` must be safe to run concurrently on disjoint ranges.
template <typename Fn>
void parallel_ranges(size_t n, unsigned threads, Fn&& fn) {
  const size_t parts = std::max<size_t>(1, std::min<size_t>(threads, n / 256 + 1));
  const size_t step = (n + parts - 1) / parts;
  std::vector<std::future<void>> others;
  for (size_t p = 1; p < parts; ++p) {
    const size_t begin = std::min(n, p * step), end = std::min(n, begin + step);
    others.push_back(std::async(std::launch::async, [&fn, begin, end] { fn(begin, end); }));
  }
  fn(size_t{0}, std::min(n, step));
  for (auto& other : others) other.get();
}

}  // namespace crm::customers

namespace crm::customers {

// Produces items in order on ONE long-lived thread, at most `ahead` items before the consumer,
// who takes them with next() / next_if_any(): either produce(0), produce(1), … produce(count - 1),
// or whatever a generator returns until it returns nullopt. One thread for the whole run keeps its
// thread_local caches (pinyin, ICU transliterators) warm. Destruction stops the producer after its
// current item and joins (a generator blocked on an input must be woken by its owner first). An
// exception in produce() is rethrown by next().
template <typename T>
class OrderedProducer {
 public:
  OrderedProducer(size_t count, size_t ahead, std::function<T(size_t)> produce)
      : OrderedProducer(ahead, [count, produce = std::move(produce), i = size_t{0}]() mutable {
          return i < count ? std::optional<T>(produce(i++)) : std::nullopt;
        }) {}
  OrderedProducer(size_t ahead, std::function<std::optional<T>()> generate)
      : ahead_(std::max<size_t>(1, ahead)), generate_(std::move(generate)) {
    thread_ = std::thread([this] { loop(); });
  }
  ~OrderedProducer() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  OrderedProducer(const OrderedProducer&) = delete;
  OrderedProducer& operator=(const OrderedProducer&) = delete;

  // The next item, or nullopt when the generator has ended and every item was taken.
  std::optional<T> next_if_any() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty() || failure_ || ended_; });
    if (ready_.empty()) {
      if (failure_) std::rethrow_exception(failure_);
      return std::nullopt;
    }
    T item = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return item;
  }
  // The next item; call exactly `count` times (the counted form).
  T next() { return std::move(next_if_any()).value(); }

 private:
  void loop() {
    while (true) {
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || ready_.size() < ahead_; });
        if (stop_) return;
      }
      try {
        std::optional<T> item = generate_();
        std::lock_guard lock(mutex_);
        if (item) {
          ready_.push_back(std::move(*item));
        } else {
          ended_ = true;
        }
      } catch (...) {
        std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
        changed_.notify_all();
        return;
      }
      changed_.notify_all();
      std::lock_guard lock(mutex_);
      if (ended_) return;
    }
  }

  const size_t ahead_;
  std::function<std::optional<T>()> generate_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<T> ready_;
  std::exception_ptr failure_;
  bool stop_ = false, ended_ = false;
  std::thread thread_;  // last: started after everything it uses exists
};

}  // namespace crm::customers
