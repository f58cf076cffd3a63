#include "data_io.hpp"

#include "console.hpp"
#include "file_bytes.hpp"
#include "memory.hpp"
#include "npy.hpp"

namespace tinykm_cli {

namespace {

template <typename T>
bool write_any(const std::string& path, const T* values, std::size_t rows, std::size_t cols,
               std::string& error) {
  const bool npy = ends_with(path, ".npy");
  const double bytes = static_cast<double>(rows) * static_cast<double>(cols) * (npy ? 4 : 16);
  const std::string text = guard_allocation(
      "the output " + (path.empty() ? std::string("text") : path), bytes,
      [&] { return npy ? npy_bytes(values, rows, cols) : csv_text(values, rows, cols); });
  if (!path.empty()) return write_file(path, text, error);
  put(text);  // a failure is reported when stdout is closed
  return true;
}

}  // namespace

bool read_matrix(const std::string& path, csv_header header, matrix& out, std::string& error) {
  std::string bytes;
  if (!read_file(path, bytes, error)) return false;
  // The values take about as much memory as the file (CSV: less), a copy of it more.
  const bool ok = guard_allocation(path + "'s values", 2.0 * static_cast<double>(bytes.size()), [&] {
    return ends_with(path, ".npy") ? parse_npy(path, bytes, out, error)
                                   : parse_csv(path, bytes, header, out, error);
  });
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
