// Points a layout's buffers into a caller's memory (tinykm/layout.hpp describes the layouts).
// Pointer arithmetic goes through uintptr_t: the memory is raw bytes, and strict targets
// (-Wcast-align on Arm) reject char* -> T* casts. A carver over a null base only measures:
// used() is then the bytes a layout needs, saturated at SIZE_MAX when the sizes overflow.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinykm/layout.hpp"

namespace tinykm::detail {

// The first 64-byte boundary at or after p.
inline void* align64(void* p) noexcept {
  const std::uintptr_t v = reinterpret_cast<std::uintptr_t>(p);
  return reinterpret_cast<void*>((v + buffer_align - 1) / buffer_align * buffer_align);
}

class carver {
 public:
  explicit carver(void* base) noexcept : base_(reinterpret_cast<std::uintptr_t>(base)) {}
  // `count` elements of T (null for none).
  template <typename T>
  T* take(std::size_t count) noexcept {
    const std::size_t offset = size_.take<T>(count);
    return count == 0 ? nullptr : reinterpret_cast<T*>(base_ + offset);
  }
  template <typename T>
  void operator()(T*& buffer, std::size_t count) noexcept {
    buffer = take<T>(count);
  }
  unsigned char* here() const noexcept { return reinterpret_cast<unsigned char*>(base_ + used()); }
  // Bytes handed out so far, or SIZE_MAX.
  std::size_t used() const noexcept { return size_.bytes(); }

 private:
  std::uintptr_t base_;
  layout_size size_;
};

// Bytes of workspace that Parts' lay_out() needs for this shape, with the slack that aligns a
// caller's workspace that is not 64-byte aligned (align64). Measured by the carver over no
// memory, so a size and its carving run the same code (one copy of it in flash).
template <typename Parts, typename... Shape>
std::size_t workspace_bytes(const Shape&... shape) noexcept {
  carver measure(nullptr);
  Parts parts{};
  lay_out(measure, parts, shape...);
  return add_sat(measure.used(), buffer_align);
}

// Parts pointed into `base` (as aligned as the layout needs) by Parts' lay_out().
template <typename Parts, typename... Shape>
Parts carve(void* base, const Shape&... shape) noexcept {
  carver cut(base);
  Parts parts{};
  lay_out(cut, parts, shape...);
  return parts;
}

}  // namespace tinykm::detail
