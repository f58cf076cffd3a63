// Shared by the libFuzzer targets: reading values out of the fuzzer's bytes, and the checks
// whose failure must stop the fuzzer (abort(), which libFuzzer records as a crash).
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

namespace tinykm_fuzz {

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "tinykm fuzz check failed: %s\n", what);
  std::abort();
}

inline void require(bool ok, const char* what) {
  if (!ok) fail(what);
}

// A float the library may meet: small integers, ordinary reals, extremes and non-finite values.
inline float any_float(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: return static_cast<float>(in.ConsumeIntegralInRange<int>(-8, 8));
    case 1: return in.ConsumeFloatingPointInRange<float>(-100.0f, 100.0f);
    case 2: return in.ConsumeFloatingPoint<float>();  // any finite float, huge ones included
    case 3: return std::numeric_limits<float>::quiet_NaN();
    case 4: return in.ConsumeBool() ? std::numeric_limits<float>::infinity()
                                    : -std::numeric_limits<float>::infinity();
    case 5: return std::numeric_limits<float>::denorm_min() *
                   static_cast<float>(in.ConsumeIntegralInRange<int>(-4, 4));
    case 6: return in.ConsumeBool() ? 0.0f : -0.0f;
    default: {  // raw bits: every pattern, NaN payloads included
      const std::uint32_t bits = in.ConsumeIntegral<std::uint32_t>();
      float f;
      std::memcpy(&f, &bits, sizeof f);
      return f;
    }
  }
}

// n floats: mostly well-behaved (the fuzzer must get past validation), some wild when `wild`.
inline std::vector<float> floats(FuzzedDataProvider& in, std::size_t n, bool wild) {
  std::vector<float> v(n);
  const float scale = in.ConsumeFloatingPointInRange<float>(0.001f, 1000.0f);
  for (float& x : v) {
    if (wild && in.ConsumeIntegralInRange<int>(0, 15) == 0)
      x = any_float(in);
    else
      x = scale * static_cast<float>(in.ConsumeIntegralInRange<int>(-1000, 1000)) / 1000.0f;
  }
  return v;
}

// A byte-for-byte snapshot of a buffer, to prove a failed call left it untouched.
struct snapshot {
  const void* at;
  std::vector<unsigned char> bytes;
  snapshot(const void* p, std::size_t n)
      : at(p), bytes(static_cast<const unsigned char*>(p), static_cast<const unsigned char*>(p) + n) {}
  bool unchanged() const { return bytes.empty() || std::memcmp(at, bytes.data(), bytes.size()) == 0; }
};

// Fills memory with a pattern no call writes by chance.
inline void poison(void* p, std::size_t n) {
  if (n > 0) std::memset(p, 0xA5, n);
}

}  // namespace tinykm_fuzz
