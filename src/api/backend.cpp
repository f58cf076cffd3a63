// The public backend choice (tinykm/backend.hpp) over the kernel contract's table registry.
#include "kernels.hpp"
#include "tinykm/backend.hpp"

namespace tinykm {

const char* backend_name() noexcept { return kernels::active().name(); }

status force_backend(backend which) noexcept {
  kernels::table_family family;
  switch (which) {
    case backend::automatic: kernels::set_active(nullptr); return status::ok;
    case backend::scalar: family = kernels::table_family::scalar; break;
    case backend::highway: family = kernels::table_family::highway; break;
    case backend::xsimd: family = kernels::table_family::xsimd; break;
    default: return status::invalid_argument;
  }
  const kernels::kernel_table* table = kernels::table_of(family);
  if (table == nullptr) return status::not_available;
  kernels::set_active(table);
  return status::ok;
}

}  // namespace tinykm
