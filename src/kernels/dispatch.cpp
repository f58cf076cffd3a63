// Which kernel table runs: the registry of backends compiled in, the automatic choice, and the
// forced one (api/backend.cpp's force_backend() picks it through table_of()). Safe to call from any thread at any time: the only
// mutable state is one atomic pointer and one thread-safe one-time initialisation.
#include <atomic>

#include "backends.hpp"
#include "kernels.hpp"

namespace tinykm::kernels {

const char* scalar_name() { return "scalar"; }
const char* scalar_assign_kernel(std::size_t, std::size_t) { return "exact rows"; }

#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD

const kernel_table scalar_table{scalar_name,         assign_scalar,        accumulate_scalar,
                                distances_scalar,    min_distance_scalar, scalar_assign_kernel,
                                lanes_nearest_scalar, lanes_nearest_one_scalar,
                                assign_accumulate_scalar, candidate_min_scalar,
                                trial_potentials_scalar};

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

// force_backend()'s choice; null: automatic_table(). Atomic, so a switch while other threads
// run tinykm calls is no data race. Relaxed order is enough: every table is a constant
// initialised before any code runs, so the pointer publishes nothing, and active() stays one
// plain load as before (x86-64: mov; AArch64: ldr).
std::atomic<const kernel_table*> forced{nullptr};
static_assert(std::atomic<const kernel_table*>::is_always_lock_free, "no lock on the hot path");

// Scalar first, then Highway, then each xsimd architecture this CPU runs.
struct table_list {
  const kernel_table* tables[1 + TINYKM_HAVE_HWY + max_xsimd_tables];
  std::size_t count;
};

table_list list_tables() noexcept {
  table_list all{};
  all.tables[all.count++] = &scalar_table;
#if TINYKM_HAVE_HWY
  all.tables[all.count++] = &hwy_table;
#endif
#if TINYKM_HAVE_XSIMD
  std::size_t xs_count = 0;
  const kernel_table* const* xs = xsimd_tables(&xs_count);
  for (std::size_t i = 0; i < xs_count; ++i) all.tables[all.count++] = xs[i];
#endif
  return all;
}

}  // namespace

const kernel_table& active() noexcept {
  const kernel_table* table = forced.load(std::memory_order_relaxed);
  return table ? *table : *automatic_table();
}

void set_active(const kernel_table* table) noexcept {
  forced.store(table, std::memory_order_relaxed);
}

const kernel_table* table_of(table_family family) noexcept {
  switch (family) {
    case table_family::scalar: return &scalar_table;
#if TINYKM_HAVE_HWY
    case table_family::highway: return &hwy_table;
#endif
#if TINYKM_HAVE_XSIMD
    case table_family::xsimd: {
      std::size_t count = 0;
      const kernel_table* const* xs = xsimd_tables(&count);
      return count != 0 ? xs[0] : nullptr;
    }
#endif
    default: return nullptr;
  }
}

const kernel_table* const* available_tables(std::size_t* count) noexcept {
  static const table_list all = list_tables();  // thread-safe one-time initialisation
  *count = all.count;
  return all.tables;
}

#else  // scalar only (e.g. firmware): no mutable state, so the library owns no .data/.bss

void set_active(const kernel_table*) noexcept {}

const kernel_table* table_of(table_family family) noexcept {
  return family == table_family::scalar ? &scalar_table : nullptr;
}

const kernel_table* const* available_tables(std::size_t* count) noexcept {
  static constexpr const kernel_table* tables[] = {&scalar_table};
  *count = 1;
  return tables;
}

#endif

}  // namespace tinykm::kernels
