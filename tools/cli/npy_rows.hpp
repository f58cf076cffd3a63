// Part of a .npy file without reading the rest: its layout from the header, then a range of rows
// by positioned reads (tinykm-mpi: each rank reads only its own rows).
#pragma once

#include <cstddef>
#include <string>

#include "matrix.hpp"
#include "npy.hpp"

namespace tinykm_cli {

bool read_npy_layout(const std::string& path, npy_layout& layout, std::string& error);

// Rows [begin, end) of the file into out (float32, finite values only).
bool read_npy_rows(const std::string& path, const npy_layout& layout, std::size_t begin,
                   std::size_t end, matrix& out, std::string& error);

}  // namespace tinykm_cli
