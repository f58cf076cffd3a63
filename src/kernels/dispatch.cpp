// Which kernel table runs: the registry of backends compiled in, the automatic choice, and
// force_backend() for tests and benchmarks.
#include "kernels/backends.hpp"
#include "kernels/kernels.hpp"
#include "tinykm/backend.hpp"

namespace tinykm::kernels {

const char* scalar_name() { return "scalar"; }
const char* scalar_assign_kernel(std::size_t, std::size_t) { return "exact rows"; }

#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD

const kernel_table scalar_table{scalar_name,         assign_scalar,        accumulate_scalar,
                                distances_scalar,    min_distance_scalar, scalar_assign_kernel,
                                lanes_nearest_scalar, lanes_nearest_one_scalar};

namespace {

// Highway first: it dispatches to the best target of this CPU at run time itself.
const kernel_table* automatic_table() noexcept {
#if TINYKM_HAVE_HWY
  return &hwy_table;
#else
  std::size_t count = 0;
  const kernel_table* const* xs = xsimd_tables(&count);
  return count != 0 ? xs[0] : &scalar_table;
#endif
}

const kernel_table* forced = nullptr;  // null: automatic_table()

}  // namespace

const kernel_table& active() noexcept { return forced ? *forced : *automatic_table(); }

void set_active(const kernel_table* table) noexcept { forced = table; }

const kernel_table* const* available_tables(std::size_t* count) noexcept {
  constexpr std::size_t capacity = 1 + TINYKM_HAVE_HWY + max_xsimd_tables;
  static const kernel_table* tables[capacity];
  static std::size_t used = 0;
  if (used == 0) {
    tables[used++] = &scalar_table;
#if TINYKM_HAVE_HWY
    tables[used++] = &hwy_table;
#endif
#if TINYKM_HAVE_XSIMD
    std::size_t xs_count = 0;
    const kernel_table* const* xs = xsimd_tables(&xs_count);
    for (std::size_t i = 0; i < xs_count; ++i) tables[used++] = xs[i];
#endif
  }
  *count = used;
  return tables;
}

#else  // scalar only (e.g. firmware): no mutable state, so the library owns no .data/.bss

void set_active(const kernel_table*) noexcept {}

const kernel_table* const* available_tables(std::size_t* count) noexcept {
  static constexpr const kernel_table* tables[] = {&scalar_table};
  *count = 1;
  return tables;
}

#endif

}  // namespace tinykm::kernels

namespace tinykm {

const char* backend_name() noexcept { return kernels::active().name(); }

status force_backend(backend which) noexcept {
  const kernels::kernel_table* table = nullptr;
  switch (which) {
    case backend::automatic: break;
    case backend::scalar: table = &kernels::scalar_table; break;
    case backend::highway:
#if TINYKM_HAVE_HWY
      table = &kernels::hwy_table;
      break;
#else
      return status::not_available;
#endif
    case backend::xsimd: {
#if TINYKM_HAVE_XSIMD
      std::size_t count = 0;
      const kernels::kernel_table* const* xs = kernels::xsimd_tables(&count);
      if (count == 0) return status::not_available;
      table = xs[0];
      break;
#else
      return status::not_available;
#endif
    }
    default: return status::invalid_argument;
  }
#if !(TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD)
  (void)table;  // scalar is the only table: nothing to switch
#endif
  kernels::set_active(table);
  return status::ok;
}

}  // namespace tinykm
