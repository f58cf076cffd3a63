// One kernel_table per xsimd architecture A. Included only by the per-arch .cpp files, each of
// which is compiled with its own -m flags and instantiates every kernel for its A exactly once
// (xsimd's test/doc/sum.hpp + sum_avx2.cpp pattern).
#pragma once

#include "kernels.hpp"
#include "accumulate_xsimd.hpp"
#include "assign_accumulate_xsimd.hpp"
#include "assign_xsimd.hpp"
#include "distances_xsimd.hpp"
#include "lanes_entry_xsimd.hpp"
#include "tables_xsimd.hpp"

namespace tinykm::kernels::xs {

template <class A>
constexpr kernel_table make_table(const char* (*name)()) noexcept {
  return kernel_table{name,           &assign<A>,       &accumulate<A>,
                      &distances<A>,  &min_distance<A>, &assign_kernel_name<A>,
                      &lanes_entry<A>::nearest, &lanes_entry<A>::one,
                      &assign_accumulate<A>, &candidate_min<A>,
                      nullptr};  // trial_potentials: seeding calls min_distance per candidate
}

}  // namespace tinykm::kernels::xs
