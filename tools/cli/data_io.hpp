// Reading and writing data files, by extension: ".npy" is NumPy, anything else CSV (csv.hpp
// states its rule; `header` says how to take a CSV file's first line). Writing to an empty
// path prints CSV on stdout. Allocation failures throw too_big (memory.hpp), naming the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "csv.hpp"
#include "matrix.hpp"

namespace tinykm_cli {

bool read_matrix(const std::string& path, csv_header header, matrix& out, std::string& error);
bool write_matrix(const std::string& path, const float* values, std::size_t rows, std::size_t cols,
                  std::string& error);
bool write_matrix(const std::string& path, const std::int32_t* values, std::size_t rows,
                  std::size_t cols, std::string& error);

}  // namespace tinykm_cli
