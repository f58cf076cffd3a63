// One kernel_table per xsimd architecture A. Included only by the per-arch .cpp files, each of
// which is compiled with its own -m flags and instantiates every kernel for its A exactly once
// (xsimd's test/doc/sum.hpp + sum_avx2.cpp pattern).
#pragma once

#include "kernels.hpp"
#include "accumulate_xsimd.hpp"
#include "assign_xsimd.hpp"
#include "distances_xsimd.hpp"
#include "tables_xsimd.hpp"

namespace tinykm::kernels::xs {

// Defined in lanes_xsimd.hpp and instantiated for A only in the TU xsimd.cmake generates for
// A's arch, which builds without floating-point contraction on x86.
template <class A>
void lanes_nearest(const float* points, std::size_t n, std::size_t d, const float* lanes,
                   const float* radius, std::size_t kp, std::int32_t* labels, float* squares,
                   float* scores);
template <class A>
void lanes_nearest_one(const float* x, std::size_t d, const float* lanes, const float* radius,
                       std::size_t kp, lanes_hit* out);

template <class A>
constexpr kernel_table make_table(const char* (*name)()) noexcept {
  return kernel_table{name,           &assign<A>,       &accumulate<A>,
                      &distances<A>,  &min_distance<A>, &assign_kernel_name<A>,
                      &lanes_nearest<A>, &lanes_nearest_one<A>};
}

}  // namespace tinykm::kernels::xs
