// Threads are the caller's: tinykm starts none. A caller that wants fit() or predict() spread
// over cores hands in a parallel_for, a plain function pointer + context usable from C, backed by
// whatever pool it already has (tools/thread_pool.hpp is a std::thread one).
#pragma once

#include <cstddef>

namespace tinykm {

// One unit of work: index in [0, count) of the run() call that handed it out.
using task_fn = void (*)(void* task_context, std::size_t index);

struct parallel_for {
  // Calls task(task_context, i) once for every i in [0, count), in any order and on any threads,
  // and returns when all calls have returned. Null: tinykm runs everything on the calling thread.
  void (*run)(void* executor, std::size_t count, task_fn task, void* task_context) = nullptr;
  void* executor = nullptr;  // passed back to run(): the caller's pool
};

// Points per task. Work is split into tasks of this many points whatever the thread count, and
// partial results are combined in task order, so 1, 2 or N threads give bit-identical results.
inline constexpr std::size_t parallel_chunk_points = 4096;

}  // namespace tinykm
