// The caller-given threads of fit() and predict(): a tools/thread_pool.hpp pool, started only
// when the work has more than one task of parallel_chunk_points points (the result is
// bit-identical for any thread count, so small inputs lose nothing by running on one thread).
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <thread>

#include "thread_pool.hpp"
#include "tinykm/parallel.hpp"

namespace tinykm_py {

class threads_for {
 public:
  // n_threads 0: every core of the machine.
  threads_for(std::size_t n_threads, std::size_t points) {
    const std::size_t tasks = (points + tinykm::parallel_chunk_points - 1) / tinykm::parallel_chunk_points;
    if (n_threads == 0) n_threads = std::max<std::size_t>(1, std::thread::hardware_concurrency());
    n_threads = std::min(n_threads, tasks);
    if (n_threads > 1) pool_ = std::make_unique<tinykm_tools::thread_pool>(n_threads);
  }
  tinykm::parallel_for parallel() const { return pool_ ? pool_->parallel() : tinykm::parallel_for{}; }

 private:
  std::unique_ptr<tinykm_tools::thread_pool> pool_;
};

}  // namespace tinykm_py
