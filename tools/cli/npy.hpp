// NumPy .npy files (format versions 1 to 3): float32 or float64 data in C order, 1-D (one
// column) or 2-D. Anything else (other dtypes, big-endian, Fortran order, a truncated file, bad
// magic, non-finite values) is refused with a one-line error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "matrix.hpp"

namespace tinykm_cli {

bool parse_npy(const std::string& path, const std::string& bytes, matrix& out, std::string& error);

// Version 1.0 files, little-endian "<f4" or "<i4", 2-D (rows, cols).
std::string npy_bytes(const float* values, std::size_t rows, std::size_t cols);
std::string npy_bytes(const std::int32_t* values, std::size_t rows, std::size_t cols);

}  // namespace tinykm_cli
