// Saturating size arithmetic for the *_size functions and the input checks (library detail, in
// a public header because stream_memory_size() is constexpr). A result that does not fit in
// size_t is size_overflow (SIZE_MAX) and stays SIZE_MAX through every later step, so a size
// function answers SIZE_MAX, which no buffer reaches, instead of a small wrapped number.
#pragma once

#include <cstddef>
#include <initializer_list>

namespace tinykm::detail {

inline constexpr std::size_t size_overflow = static_cast<std::size_t>(-1);

// a x b, or size_overflow. An overflowed factor stays overflowed, even times 0.
constexpr std::size_t mul_sat(std::size_t a, std::size_t b) noexcept {
  if (a == size_overflow || b == size_overflow) return size_overflow;
  return b != 0 && a > size_overflow / b ? size_overflow : a * b;
}

// a + b, or size_overflow.
constexpr std::size_t add_sat(std::size_t a, std::size_t b) noexcept {
  return a > size_overflow - b ? size_overflow : a + b;
}

// The sum of the terms, or size_overflow.
constexpr std::size_t sum_sat(std::initializer_list<std::size_t> terms) noexcept {
  std::size_t total = 0;
  for (const std::size_t t : terms) total = add_sat(total, t);
  return total;
}

// x rounded up to a multiple of m (> 0), or size_overflow.
constexpr std::size_t round_up_sat(std::size_t x, std::size_t m) noexcept {
  return x % m == 0 ? x : add_sat(x, m - x % m);
}

// True when count items of `item_bytes` bytes each fit in size_t (an array that can exist).
constexpr bool bytes_fit(std::size_t count, std::size_t item_bytes) noexcept {
  return mul_sat(count, item_bytes) != size_overflow;
}

}  // namespace tinykm::detail
