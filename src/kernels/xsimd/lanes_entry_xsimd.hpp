// The xsimd lanes kernels of arch A, as the kernel table names them (table_xsimd.hpp). Defined in
// lanes_xsimd.hpp and instantiated only in A's lanes_<arch>.cpp, which builds without
// floating-point contraction (xsimd.cmake); never in kernels_<arch>.cpp, whose FMAs need it.
#pragma once

#include "kernels.hpp"

namespace tinykm::kernels::xs {

template <class A>
struct lanes_entry {
  static lanes_nearest_sig nearest;
  static lanes_nearest_one_sig one;
};

}  // namespace tinykm::kernels::xs
