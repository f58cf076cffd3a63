// Comma-separated numbers, one row per line. A first line that is not all numbers is a header
// and skipped; blank lines are skipped. Ragged rows, fields that are not numbers, and NaN or
// infinite values are refused with the line number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "matrix.hpp"

namespace tinykm_cli {

bool parse_csv(const std::string& path, const std::string& text, matrix& out, std::string& error);

std::string csv_text(const float* values, std::size_t rows, std::size_t cols);
std::string csv_text(const std::int32_t* values, std::size_t rows, std::size_t cols);

}  // namespace tinykm_cli
