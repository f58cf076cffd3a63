// Chooses the kernel table. Only the scalar reference exists so far.
#include "kernels/kernels.hpp"
#include "tinykm/backend.hpp"

namespace tinykm::kernels {

namespace {
constexpr kernel_table scalar_table{"scalar", assign_scalar, accumulate_scalar, distances_scalar,
                                    min_distance_scalar};
}  // namespace

const kernel_table& active() noexcept { return scalar_table; }

}  // namespace tinykm::kernels

namespace tinykm {
const char* backend_name() noexcept { return kernels::active().name; }
}  // namespace tinykm
