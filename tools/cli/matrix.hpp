// What every command reads its data into: rows x cols float32 values, row-major, as the library
// takes them.
#pragma once

#include <cstddef>
#include <vector>

namespace tinykm_cli {

struct matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<float> values;
};

}  // namespace tinykm_cli
