// Comma-separated numbers, one row per line. The rule (README, "Command line"):
// - a UTF-8 byte-order mark is skipped, and so are blank lines;
// - the first non-blank line is a header, and skipped, only when none of its fields is a number
//   (csv_header::detect), or whatever it holds with csv_header::yes; with csv_header::no it
//   is data;
// - every other line is data: each field a number (strtod's syntax), read the same way on every
//   line: rounded to the nearest float32 (tiny values become a float32 subnormal or zero);
// - a field that is empty, not a number, or beyond float32's range (NaN and infinities
//   included), and a row whose field count differs from the first row's, are errors naming
//   the line and column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "matrix.hpp"

namespace tinykm_cli {

enum class csv_header { detect, yes, no };

bool parse_csv(const std::string& path, const std::string& text, csv_header header, matrix& out,
               std::string& error);

std::string csv_text(const float* values, std::size_t rows, std::size_t cols);
std::string csv_text(const std::int32_t* values, std::size_t rows, std::size_t cols);

}  // namespace tinykm_cli
