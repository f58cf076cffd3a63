// Buffers laid end to end in a block of caller memory (a workspace, a stream's memory), each
// rounded up to 64 bytes so that every one keeps the block's alignment (up to 64). Library
// detail, public because stream_memory_size() is constexpr.
//
// Each block is described once, by a function template
//   template <typename Cut> constexpr void lay_out(Cut& cut, Parts& parts, <shape>)
// that calls cut(parts.buffer, element count) for every buffer of Parts in order (a count of 0
// leaves the buffer out). layout_bytes() walks it with a layout_size to size the block at
// compile time; src/common/carver.hpp walks it with a carver to size a workspace and to point
// Parts into the memory. A size and its carving cannot disagree, and a new buffer is one line
// (and its field). Every size saturates at SIZE_MAX (size_math.hpp).
#pragma once

#include <cstddef>

#include "tinykm/size_math.hpp"

namespace tinykm::detail {

inline constexpr std::size_t buffer_align = 64;

// Bytes a buffer of `count` Ts takes in a block.
template <typename T>
constexpr std::size_t buffer_bytes(std::size_t count) noexcept {
  return round_up_sat(mul_sat(count, sizeof(T)), buffer_align);
}

// Walks a layout without memory: the offset of each buffer and the bytes of all.
class layout_size {
 public:
  constexpr explicit layout_size(std::size_t start = 0) noexcept : bytes_(start) {}
  // The offset of a buffer of `count` Ts.
  template <typename T>
  constexpr std::size_t take(std::size_t count) noexcept {
    const std::size_t offset = bytes_;
    bytes_ = add_sat(bytes_, buffer_bytes<T>(count));
    return offset;
  }
  template <typename T>
  constexpr void operator()(T*& /*buffer*/, std::size_t count) noexcept {
    take<T>(count);
  }
  constexpr std::size_t bytes() const noexcept { return bytes_; }

 private:
  std::size_t bytes_;
};

// Bytes of the block that Parts' lay_out() describes for this shape.
template <typename Parts, typename... Shape>
constexpr std::size_t layout_bytes(const Shape&... shape) noexcept {
  layout_size size;
  Parts parts{};
  lay_out(size, parts, shape...);  // found by argument-dependent lookup, beside Parts
  return size.bytes();
}

}  // namespace tinykm::detail
