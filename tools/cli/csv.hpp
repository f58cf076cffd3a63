// Comma-separated numbers, one row per line. The rule (README, "Command line"):
// - a UTF-8 byte-order mark is skipped, and so are blank lines;
// - the first non-blank line is a header, and skipped, only when none of its fields is a number
//   (csv_header::detect), or whatever it holds with csv_header::yes; with csv_header::no it
//   is data;
// - fields are separated by the delimiter: ',', ';', a tab, or ' ' meaning runs of blanks
//   (spaces and tabs; leading and trailing ones ignored). Detected (delimiter 0) from the first
//   non-blank line: ';' if it holds one (decimal-comma locales), else a tab, else ',', else blanks;
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

struct csv_options {
  csv_header header = csv_header::detect;
  char delimiter = 0;  // ',', ';', '\t', ' ' (blanks), or 0: detected
};

bool parse_csv(const std::string& path, const std::string& text, const csv_options& options,
               matrix& out, std::string& error);

// Rows of `delimiter`-separated values (',' ';' or '\t'), 9 significant digits (exact for float32).
std::string csv_text(const float* values, std::size_t rows, std::size_t cols, char delimiter = ',');
std::string csv_text(const std::int32_t* values, std::size_t rows, std::size_t cols,
                     char delimiter = ',');

}  // namespace tinykm_cli
