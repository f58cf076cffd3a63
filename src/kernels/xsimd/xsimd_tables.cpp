// The xsimd registry: which of the arch tables compiled in (xsimd.cmake defines
// TINYKM_XSIMD_<ARCH>=1 for this file alone) this CPU can run, best first. Compiled with the
// baseline flags only: it must run on every CPU the library may start on.
#include <xsimd/config/xsimd_cpuid.hpp>

#include "backends.hpp"
#include "kernels.hpp"
#include "tables_xsimd.hpp"

namespace tinykm::kernels {

namespace {

struct registry {
  const kernel_table* tables[max_xsimd_tables];
  std::size_t count;
  void add(const kernel_table* t) noexcept {
    if (count < max_xsimd_tables) tables[count++] = t;
  }
};

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
// xsimd 8.1 reads the CPUID feature bits only; GCC's and Clang's __builtin_cpu_supports also
// checks that the operating system saves the AVX / AVX-512 register state (XGETBV).
#define TINYKM_XSIMD_OS_SUPPORTS(feature) __builtin_cpu_supports(feature)
#else
#define TINYKM_XSIMD_OS_SUPPORTS(feature) true
#endif

registry detect() noexcept {
  registry r{};
#if defined(TINYKM_XSIMD_AVX512BW) || defined(TINYKM_XSIMD_AVX2) || \
    defined(TINYKM_XSIMD_SSE4_1) || defined(TINYKM_XSIMD_NEON)
  const auto cpu = xsimd::available_architectures();
#endif
#ifdef TINYKM_XSIMD_AVX512BW
  if (cpu.avx512f && cpu.avx512cd && cpu.avx512dq && cpu.avx512bw && cpu.fma3_avx2 &&
      TINYKM_XSIMD_OS_SUPPORTS("avx512bw"))
    r.add(&xsimd_avx512bw_table);
#endif
#ifdef TINYKM_XSIMD_AVX2
  if (cpu.avx2 && cpu.fma3_avx2 && TINYKM_XSIMD_OS_SUPPORTS("avx2")) r.add(&xsimd_avx2_table);
#endif
#ifdef TINYKM_XSIMD_SSE4_1
  if (cpu.sse4_1) r.add(&xsimd_sse4_1_table);
#endif
#ifdef TINYKM_XSIMD_NEON64
  r.add(&xsimd_neon64_table);  // Advanced SIMD is part of every AArch64 CPU
#endif
#ifdef TINYKM_XSIMD_NEON
  if (cpu.neon) r.add(&xsimd_neon_table);
#endif
  return r;
}

#undef TINYKM_XSIMD_OS_SUPPORTS

}  // namespace

const kernel_table* const* xsimd_tables(std::size_t* count) noexcept {
  static const registry found = detect();  // thread-safe one-time initialisation
  *count = found.count;
  return found.tables;
}

}  // namespace tinykm::kernels
