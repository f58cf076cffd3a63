// Reading and writing data files, by extension: ".npy" is NumPy, anything else CSV. Writing
// to an empty path prints CSV on stdout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "matrix.hpp"

namespace tinykm_cli {

bool read_matrix(const std::string& path, matrix& out, std::string& error);
bool write_matrix(const std::string& path, const float* values, std::size_t rows, std::size_t cols,
                  std::string& error);
bool write_matrix(const std::string& path, const std::int32_t* values, std::size_t rows,
                  std::size_t cols, std::string& error);

}  // namespace tinykm_cli
