// NumPy .npy files (format versions 1 to 3): float32 or float64 data in C order, 1-D (one
// column) or 2-D. Anything else (other dtypes, big-endian, Fortran order, a truncated file, bad
// magic, non-finite values, a shape that is not the data's size) is refused with a one-line error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "matrix.hpp"

namespace tinykm_cli {

bool parse_npy(const std::string& path, const std::string& bytes, matrix& out, std::string& error);

// Where a .npy file's values are: bytes per value (4 or 8), the shape, and the offset of the data.
// Readers of part of a file (tinykm-mpi: one rank's rows) use the pieces below.
struct npy_layout {
  std::size_t width, rows, cols, data_at;
};
// The header of `bytes` (the start of a file of file_size bytes, at least npy_header_bytes()
// long), checked as parse_npy checks it: the one validation of both readers, the data size
// included (the shape's values must be exactly the bytes after the header, without overflow).
bool parse_npy_header(const std::string& path, const std::string& bytes, std::uint64_t file_size,
                      npy_layout& out, std::string& error);
// How many bytes the header of a file starting with `prefix` (>= 12 bytes) takes; 0 if unknown.
std::size_t npy_header_bytes(const std::string& prefix);
// Rows of values (whole rows of layout.cols values) into out as float32, refusing non-finite
// values; first_row only numbers them in error messages.
bool decode_npy_rows(const std::string& path, const npy_layout& layout, const std::string& data,
                     std::size_t first_row, matrix& out, std::string& error);

// Version 1.0 files, little-endian "<f4" or "<i4", 2-D (rows, cols).
std::string npy_bytes(const float* values, std::size_t rows, std::size_t cols);
std::string npy_bytes(const std::int32_t* values, std::size_t rows, std::size_t cols);

}  // namespace tinykm_cli
