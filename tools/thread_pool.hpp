// A std::thread pool that serves as tinykm's parallel_for. Outside the library on purpose: it
// allocates (threads, once, in the constructor) and uses exceptions-capable std::thread, which
// firmware does not have. Header-only; the library itself never starts a thread.
//
//   tinykm_tools::thread_pool pool(3);          // 3 threads in all: the caller + 2 workers
//   params.parallel = pool.parallel();
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include "tinykm/parallel.hpp"

namespace tinykm_tools {

class thread_pool {
 public:
  // `threads` counts the calling thread, which works too: 1 means no extra thread at all.
  explicit thread_pool(std::size_t threads) {
    for (std::size_t i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  thread_pool(const thread_pool&) = delete;
  thread_pool& operator=(const thread_pool&) = delete;
  ~thread_pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  tinykm::parallel_for parallel() { return tinykm::parallel_for{&thread_pool::run, this}; }

  static void run(void* executor, std::size_t count, tinykm::task_fn task, void* context) {
    static_cast<thread_pool*>(executor)->run_tasks(count, task, context);
  }

 private:
  void run_tasks(std::size_t count, tinykm::task_fn task, void* context) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = task;
      context_ = context;
      count_ = count;
      next_ = 0;
      pending_ = count;
      ++generation_;
    }
    wake_.notify_all();
    take_tasks();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
  }

  // Runs tasks of the current job until none is left. Tasks are handed out under the lock (a
  // tinykm task is thousands of points, so the lock costs nothing), which also keeps a worker
  // still leaving the previous job from taking a task twice.
  void take_tasks() {
    for (;;) {
      tinykm::task_fn task = nullptr;
      void* context = nullptr;
      std::size_t i = 0;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (next_ >= count_) return;
        i = next_++;
        task = task_;
        context = context_;
      }
      task(context, i);
      std::lock_guard<std::mutex> lock(mutex_);
      if (--pending_ == 0) done_.notify_all();
    }
  }

  void work() {
    std::size_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
      }
      take_tasks();
    }
  }

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  tinykm::task_fn task_ = nullptr;
  void* context_ = nullptr;
  std::size_t count_ = 0;
  std::size_t next_ = 0;
  std::size_t pending_ = 0;
  std::size_t generation_ = 0;
  bool stopping_ = false;
};

}  // namespace tinykm_tools
