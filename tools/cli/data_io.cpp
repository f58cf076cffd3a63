#include "data_io.hpp"

#include <cctype>

#include "console.hpp"
#include "file_bytes.hpp"
#include "memory.hpp"
#include "npy.hpp"

namespace tinykm_cli {

namespace {

const char known_types[] = ".npy, or delimited text: .csv, .tsv, .txt, .dat";

// The extension of the last path component, lower case ("" when it has none).
std::string extension(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return std::string();
  std::string ext = name.substr(dot);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// The format a name states: detect for "-", "" and names without an extension; false for an
// extension the tool does not know.
bool named_format(const std::string& path, data_format& format) {
  const std::string ext = extension(path);
  if (path == "-" || path.empty() || ext.empty()) format = data_format::detect;
  else if (ext == ".npy") format = data_format::npy;
  else if (ext == ".tsv") format = data_format::tsv;
  else if (ext == ".csv" || ext == ".txt" || ext == ".dat") format = data_format::csv;
  else return false;
  return true;
}

std::string unknown_type(const std::string& path, bool reading) {
  return path + ": unknown file type '" + extension(path) + "' (tinykm " +
         (reading ? "reads " : "writes ") + known_types +
         (reading ? "; --format FMT reads a file named otherwise)" : ", or - for standard output)");
}

// What the bytes are: NumPy's magic, else text; binary bytes (a NUL or other control
// character) that are no .npy are refused.
bool sniffed_format(const std::string& path, const std::string& bytes, data_format& format,
                    std::string& error) {
  if (bytes.compare(0, 6, "\x93NUMPY") == 0) {
    format = data_format::npy;
    return true;
  }
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') {
      error = path + ": binary data that is not a .npy file (tinykm reads " + known_types + ")";
      return false;
    }
  }
  format = data_format::csv;
  return true;
}

template <typename T>
bool write_any(const std::string& path, const T* values, std::size_t rows, std::size_t cols,
               data_format to_stdout, std::string& error) {
  const bool on_stdout = path.empty() || path == "-";
  data_format format = to_stdout;
  if (!on_stdout && !named_format(path, format)) {
    error = unknown_type(path, false);
    return false;
  }
  const bool npy = format == data_format::npy;
  const char delimiter = format == data_format::tsv ? '\t' : ',';
  const double bytes = static_cast<double>(rows) * static_cast<double>(cols) * (npy ? 4 : 16);
  const std::string text = guard_allocation(
      "the output " + (on_stdout ? std::string("text") : path), bytes, [&] {
        return npy ? npy_bytes(values, rows, cols) : csv_text(values, rows, cols, delimiter);
      });
  if (!on_stdout) return write_file(path, text, error);
  put(text);  // a failure is reported when stdout is closed
  return true;
}

}  // namespace

bool read_matrix(const std::string& path, const read_options& options, matrix& out,
                 std::string& error) {
  data_format format = data_format::detect;
  if (!named_format(path, format) && options.format == data_format::detect) {
    error = unknown_type(path, true);
    return false;
  }
  if (format == data_format::detect) format = options.format;  // a known extension wins
  std::string bytes;
  if (!read_file(path, bytes, error)) return false;
  const std::string name = path == "-" ? "standard input" : path;  // in messages
  if (format == data_format::detect && !sniffed_format(name, bytes, format, error)) return false;
  csv_options csv = options.csv;
  if (format == data_format::tsv && csv.delimiter == 0) csv.delimiter = '\t';
  // The values take about as much memory as the file (CSV: less), a copy of it more.
  const bool ok = guard_allocation(name + "'s values", 2.0 * static_cast<double>(bytes.size()), [&] {
    return format == data_format::npy ? parse_npy(name, bytes, out, error)
                                      : parse_csv(name, bytes, csv, out, error);
  });
  if (ok && (out.rows == 0 || out.cols == 0)) {
    error = name + ": the file holds no data";
    return false;
  }
  return ok;
}

bool check_output_name(const std::string& path, std::string& error) {
  data_format format = data_format::detect;
  if (named_format(path, format)) return true;
  error = unknown_type(path, false);
  return false;
}

bool write_matrix(const std::string& path, const float* values, std::size_t rows, std::size_t cols,
                  data_format to_stdout, std::string& error) {
  return write_any(path, values, rows, cols, to_stdout, error);
}

bool write_matrix(const std::string& path, const std::int32_t* values, std::size_t rows,
                  std::size_t cols, data_format to_stdout, std::string& error) {
  return write_any(path, values, rows, cols, to_stdout, error);
}

}  // namespace tinykm_cli
