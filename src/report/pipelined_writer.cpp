// The writer thread and its bounded queue of row batches.
#include "report/pipelined_writer.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace qvm::report {
namespace {

using Batch = std::vector<std::vector<FieldValue>>;

class PipelinedWriter final : public RowWriter {
 public:
  PipelinedWriter(std::unique_ptr<RowWriter> inner, std::size_t batch_rows, std::size_t max_batches)
      : inner_(std::move(inner)), batch_rows_(batch_rows), max_batches_(max_batches) {}

  ~PipelinedWriter() override { stop(); }

  Status begin(std::span<const std::string> columns) override {
    if (auto s = inner_->begin(columns); !s) return s;
    worker_ = std::thread([this] { drain(); });
    return {};
  }

  Status row(std::span<const FieldValue> values) override {
    pending_.emplace_back(values.begin(), values.end());
    if (pending_.size() < batch_rows_) return {};
    return hand_over();
  }

  Status end() override {
    if (auto s = hand_over(); !s) return s;
    stop();
    if (failure_) return std::unexpected(*failure_);
    return inner_->end();
  }

 private:
  // Queues the pending batch, waiting while the queue is full; reports a writer-thread failure.
  Status hand_over() {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return queue_.size() < max_batches_ || failure_; });
    if (failure_) return std::unexpected(*failure_);
    if (!pending_.empty()) {
      queue_.push_back(std::move(pending_));
      pending_ = Batch();
      pending_.reserve(batch_rows_);
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
      for (const auto& row : batch) {
        if (auto s = inner_->row(row); !s) {
          std::lock_guard lock(mutex_);
          failure_ = s.error();
          space_.notify_all();
          return;
        }
      }
    }
  }

  // Lets the thread finish what is queued, then joins it.
  void stop() {
    if (!worker_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
      ready_.notify_one();
    }
    worker_.join();
  }

  std::unique_ptr<RowWriter> inner_;
  std::size_t batch_rows_;
  std::size_t max_batches_;
  Batch pending_;  // filled by the producer only
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Batch> queue_;
  std::optional<Error> failure_;
  bool closing_ = false;
  std::thread worker_;
};

}  // namespace

std::unique_ptr<RowWriter> make_pipelined_writer(std::unique_ptr<RowWriter> inner,
                                                 std::size_t batch_rows, std::size_t max_batches) {
  return std::make_unique<PipelinedWriter>(std::move(inner), batch_rows, max_batches);
}

}  // namespace qvm::report
