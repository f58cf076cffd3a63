#include "data_io.hpp"

#include <cstdio>

#include "csv.hpp"
#include "file_bytes.hpp"
#include "npy.hpp"

namespace tinykm_cli {

namespace {

template <typename T>
bool write_any(const std::string& path, const T* values, std::size_t rows, std::size_t cols,
               std::string& error) {
  if (path.empty()) return std::fputs(csv_text(values, rows, cols).c_str(), stdout) >= 0;
  const bool npy = ends_with(path, ".npy");
  return write_file(path, npy ? npy_bytes(values, rows, cols) : csv_text(values, rows, cols), error);
}

}  // namespace

bool read_matrix(const std::string& path, matrix& out, std::string& error) {
  std::string bytes;
  if (!read_file(path, bytes, error)) return false;
  const bool ok = ends_with(path, ".npy") ? parse_npy(path, bytes, out, error)
                                          : parse_csv(path, bytes, out, error);
  if (ok && (out.rows == 0 || out.cols == 0)) {
    error = path + ": the file holds no data";
    return false;
  }
  return ok;
}

bool write_matrix(const std::string& path, const float* values, std::size_t rows, std::size_t cols,
                  std::string& error) {
  return write_any(path, values, rows, cols, error);
}

bool write_matrix(const std::string& path, const std::int32_t* values, std::size_t rows,
                  std::size_t cols, std::string& error) {
  return write_any(path, values, rows, cols, error);
}

}  // namespace tinykm_cli
