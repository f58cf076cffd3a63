// Work over all points in tasks of parallel_chunk_points points, on the caller's threads when the
// dataset has a parallel_for, else on this one. Either way each chunk's result lands in a slot of
// its own and the caller combines the slots in chunk order, so the bits never depend on threads.
#pragma once

#include <cstddef>

#include "dataset.hpp"

namespace tinykm::detail {

inline std::size_t chunk_count(std::size_t n) noexcept {
  return n / parallel_chunk_points + (n % parallel_chunk_points != 0 ? 1 : 0);  // n + .. could wrap
}

// First and one-past-last point of a chunk.
inline std::size_t chunk_begin(std::size_t chunk) noexcept { return chunk * parallel_chunk_points; }
inline std::size_t chunk_end(std::size_t chunk, std::size_t n) noexcept {
  const std::size_t begin = chunk_begin(chunk);
  return n - begin < parallel_chunk_points ? n : begin + parallel_chunk_points;
}

// Groups of whole chunks that the assignment pass accumulates separately (assign_pass.cpp): at
// most this many, so their partial sums stay a bounded part of the workspace, however large n.
inline constexpr std::size_t max_groups = 16;
inline std::size_t group_count(std::size_t n) noexcept {
  const std::size_t chunks = chunk_count(n);
  return chunks < max_groups ? chunks : max_groups;
}

// Calls fn(chunk) for every chunk of data.n points, possibly concurrently.
template <typename Fn>
void run_chunks(const dataset& data, Fn& fn) {
  const std::size_t chunks = chunk_count(data.n);
  if (data.parallel != nullptr && data.parallel->run != nullptr) {
    data.parallel->run(
        data.parallel->executor, chunks,
        [](void* context, std::size_t chunk) { (*static_cast<Fn*>(context))(chunk); }, &fn);
    return;
  }
  for (std::size_t chunk = 0; chunk < chunks; ++chunk) fn(chunk);
}

}  // namespace tinykm::detail
