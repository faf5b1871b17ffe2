// Hands items from one producer thread to a consumer running on its own thread, through a
// bounded queue of batches: the producer (the transfer thread, parsing) and the consumer (a
// formatter, a database) overlap on two cores, and memory stays bounded by
// max_batches × batch_items items. The first consumer failure stops the consumer and is
// returned by every later push() and by close(), so the producer can abort its download.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "qvm/error.hpp"

namespace qvm::core {

template <class Item>
class Handoff {
 public:
  using Consumer = std::function<Status(Item&)>;

  Handoff(Consumer consume, std::size_t batch_items = 64, std::size_t max_batches = 8)
      : consume_(std::move(consume)), batch_items_(batch_items), max_batches_(max_batches) {
    pending_.reserve(batch_items_);
    worker_ = std::thread([this] { drain(); });
  }
  Handoff(const Handoff&) = delete;
  Handoff& operator=(const Handoff&) = delete;
  ~Handoff() { (void)close(); }

  // Queues the item; waits while the queue is full. Fails once the consumer has failed.
  Status push(Item item) {
    pending_.push_back(std::move(item));
    if (pending_.size() < batch_items_) return {};
    return hand_over();
  }

  // Lets the consumer finish every item pushed so far, then joins its thread. Afterwards the
  // consumer's state may be read by the producer. Returns the consumer's first failure.
  Status close() {
    if (worker_.joinable()) {
      (void)hand_over();
      {
        std::lock_guard lock(mutex_);
        closing_ = true;
        ready_.notify_one();
      }
      worker_.join();
    }
    if (failure_) return std::unexpected(*failure_);
    return {};
  }

 private:
  using Batch = std::vector<Item>;

  Status hand_over() {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return queue_.size() < max_batches_ || failure_; });
    if (failure_) return std::unexpected(*failure_);
    if (!pending_.empty()) {
      queue_.push_back(std::move(pending_));
      pending_ = Batch();
      pending_.reserve(batch_items_);
      ready_.notify_one();
    }
    return {};
  }

  void drain() {
    while (true) {
      Batch batch;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
        space_.notify_one();
      }
      for (Item& item : batch) {
        if (auto s = consume_(item); !s) {
          std::lock_guard lock(mutex_);
          failure_ = s.error();
          space_.notify_all();
          return;
        }
      }
    }
  }

  Consumer consume_;
  std::size_t batch_items_;
  std::size_t max_batches_;
  Batch pending_;  // the producer's, until handed over
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Batch> queue_;
  std::optional<Error> failure_;  // written by the consumer under mutex_
  bool closing_ = false;
  std::thread worker_;
};

}  // namespace qvm::core
