// Hands out consecutive pieces of a caller's buffer, each a multiple of 64 bytes long, so every
// piece keeps the base's alignment (up to 64). Pointer arithmetic goes through uintptr_t: the
// buffer is raw bytes, and strict targets (-Wcast-align on Arm) reject char* -> T* casts.
// A carver over a null base only measures: used() is then the bytes a layout needs, saturated
// at SIZE_MAX when the sizes overflow, so one layout function serves sizing and carving.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinykm/size_math.hpp"

namespace tinykm::detail {

// The first 64-byte boundary at or after p.
inline void* align64(void* p) noexcept {
  const std::uintptr_t v = reinterpret_cast<std::uintptr_t>(p);
  return reinterpret_cast<void*>((v + 63) / 64 * 64);
}

class carver {
 public:
  static constexpr std::size_t overflow = size_overflow;

  explicit carver(void* base) noexcept : base_(reinterpret_cast<std::uintptr_t>(base)) {}
  // `count` elements of T (null for none).
  template <typename T>
  T* take(std::size_t count) noexcept {
    if (count == 0) return nullptr;
    T* out = reinterpret_cast<T*>(base_ + used_);
    used_ = add_sat(used_, round_up_sat(mul_sat(count, sizeof(T)), 64));
    return out;
  }
  unsigned char* here() const noexcept { return reinterpret_cast<unsigned char*>(base_ + used_); }
  // Bytes handed out so far, or `overflow`.
  std::size_t used() const noexcept { return used_; }

 private:
  std::uintptr_t base_;
  std::size_t used_ = 0;
};

}  // namespace tinykm::detail
