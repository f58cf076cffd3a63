// Reading and writing data files. The format comes from the name: ".npy" is NumPy; ".csv",
// ".tsv", ".txt" and ".dat" are delimited text (csv.hpp states its rule); "-" is standard input
// or output. Standard input, and a name without an extension (/dev/stdin, a pipe), take the
// format a flag gives, or else the one the bytes show (NumPy's magic, or text). Any other
// extension (.npz, .parquet, ...) is refused by name rather than guessed at. Writing to "-" or
// an empty path prints on stdout (CSV unless told otherwise). Allocation failures throw too_big
// (memory.hpp), naming the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "csv.hpp"
#include "matrix.hpp"

namespace tinykm_cli {

enum class data_format { detect, csv, tsv, npy };

struct read_options {
  csv_options csv;
  data_format format = data_format::detect;  // for "-" and names without a known extension
};

bool read_matrix(const std::string& path, const read_options& options, matrix& out,
                 std::string& error);

// Whether the tool can write `path` (by its extension; "-" and "" always): checked before work.
bool check_output_name(const std::string& path, std::string& error);
// `to_stdout`: the format for "-" and "" (detect: CSV).
bool write_matrix(const std::string& path, const float* values, std::size_t rows, std::size_t cols,
                  data_format to_stdout, std::string& error);
bool write_matrix(const std::string& path, const std::int32_t* values, std::size_t rows,
                  std::size_t cols, data_format to_stdout, std::string& error);

}  // namespace tinykm_cli
