// Allocation failures in the tools become one error line naming what was too big, instead of an
// uncaught std::bad_alloc: allocate() throws too_big, which each main() reports per command.
#pragma once

#include <cstddef>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

namespace tinykm_cli {

class too_big : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws too_big("cannot allocate 16.4 GB for <what>").
[[noreturn]] void refuse_allocation(const std::string& what, double bytes);

// Runs `body`, which allocates about `bytes` bytes for `what`; an allocation failure in it
// becomes too_big.
template <typename Body>
auto guard_allocation(const std::string& what, double bytes, Body body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
  } catch (const std::length_error&) {
  }
  refuse_allocation(what, bytes);
}

// v holds rows x cols default values, or too_big names "<what> (<rows> x <cols>)" (or
// "(<rows> values)" when cols is 1).
template <typename T>
void allocate(std::vector<T>& v, std::size_t rows, std::size_t cols, const std::string& what) {
  const double bytes = static_cast<double>(rows) * static_cast<double>(cols) * sizeof(T);
  const std::string named = what + " (" + std::to_string(rows) +
                            (cols == 1 ? std::string(" values)") : " x " + std::to_string(cols) + ")");
  if (cols != 0 && rows > std::numeric_limits<std::size_t>::max() / sizeof(T) / cols)
    refuse_allocation(named, bytes);
  guard_allocation(named, bytes, [&] { v.assign(rows * cols, T{}); });
}

}  // namespace tinykm_cli
