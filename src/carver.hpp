// Hands out consecutive pieces of a caller's buffer, each a multiple of 64 bytes long, so every
// piece keeps the base's alignment (up to 64). Pointer arithmetic goes through uintptr_t: the
// buffer is raw bytes, and strict targets (-Wcast-align on Arm) reject char* -> T* casts.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tinykm::detail {

// The first 64-byte boundary at or after p.
inline void* align64(void* p) noexcept {
  const std::uintptr_t v = reinterpret_cast<std::uintptr_t>(p);
  return reinterpret_cast<void*>((v + 63) / 64 * 64);
}

class carver {
 public:
  explicit carver(void* base) noexcept : next_(reinterpret_cast<std::uintptr_t>(base)) {}
  // `count` elements of T (null for none).
  template <typename T>
  T* take(std::size_t count) noexcept {
    if (count == 0) return nullptr;
    T* out = reinterpret_cast<T*>(next_);
    next_ += (count * sizeof(T) + 63) / 64 * 64;
    return out;
  }
  unsigned char* here() const noexcept { return reinterpret_cast<unsigned char*>(next_); }

 private:
  std::uintptr_t next_;
};

}  // namespace tinykm::detail
