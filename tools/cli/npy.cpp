#include "npy.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace tinykm_cli {

namespace {

const char magic[] = "\x93NUMPY";
constexpr std::size_t magic_len = 6;

std::uint64_t little_endian(const std::string& bytes, std::size_t at, std::size_t width) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < width; ++i)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return v;
}

// The text after 'key': in the header dict, up to the next ',' or '}' outside parentheses.
bool dict_value(const std::string& header, const char* key, std::string& value) {
  const std::string quoted[2] = {std::string("'") + key + "'", std::string("\"") + key + "\""};
  std::size_t at = std::string::npos;
  for (const std::string& q : quoted)
    if ((at = header.find(q)) != std::string::npos) {
      at += q.size();
      break;
    }
  if (at == std::string::npos) return false;
  at = header.find(':', at);
  if (at == std::string::npos) return false;
  int depth = 0;
  std::size_t end = ++at;
  for (; end < header.size(); ++end) {
    const char c = header[end];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth == 0 && (c == ',' || c == '}')) break;
    if (depth < 0) return false;
  }
  value = header.substr(at, end - at);
  const std::size_t first = value.find_first_not_of(" \t");
  const std::size_t last = value.find_last_not_of(" \t");
  value = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
  return true;
}

// "(n, d)", "(n,)" or "(n, 1)": the row and column counts.
bool parse_shape(const std::string& text, std::size_t& rows, std::size_t& cols) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  std::size_t dims[3] = {0, 0, 0};
  std::size_t count = 0;
  const char* p = text.c_str() + 1;
  for (;;) {
    while (*p == ' ') ++p;
    if (*p == ')') break;
    if (*p < '0' || *p > '9' || count == 3) return false;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(p, &end, 10);
    if (v > std::numeric_limits<std::size_t>::max()) return false;
    dims[count++] = static_cast<std::size_t>(v);
    p = end;
    while (*p == ' ') ++p;
    if (*p == ',') ++p;
    else if (*p != ')') return false;
  }
  if (count == 1) {
    rows = dims[0];
    cols = 1;
    return true;
  }
  if (count != 2) return false;
  rows = dims[0];
  cols = dims[1];
  return true;
}

std::string npy_header(const char* descr, std::size_t rows, std::size_t cols) {
  std::string dict = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (" +
                     std::to_string(rows) + ", " + std::to_string(cols) + "), }";
  // Magic, version and length take 10 bytes; the header ends in '\n' and pads to 64.
  while ((10 + dict.size() + 1) % 64 != 0) dict += ' ';
  dict += '\n';
  std::string out(magic, magic_len);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(dict.size() & 0xff);
  out += static_cast<char>(dict.size() >> 8);
  return out + dict;
}

void append_u32(std::string& out, std::uint32_t bits) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((bits >> (8 * i)) & 0xffu);
}

// The data the header promises is exactly what follows it: no more (trailing bytes would be rows
// the shape drops), no less, and its size fits in size_t.
bool check_data_size(const std::string& path, const npy_layout& layout, std::uint64_t file_size,
                     std::string& error) {
  const std::uint64_t held = file_size - layout.data_at;  // data_at <= the bytes parsed <= size
  const std::uint64_t values = held / layout.width;
  const std::uint64_t limit = std::numeric_limits<std::size_t>::max() / layout.width;
  const bool fits = layout.cols == 0 || layout.rows <= limit / layout.cols;
  if (fits && layout.rows * layout.cols == values && held % layout.width == 0) return true;
  const std::string promised = std::to_string(layout.rows) + " x " + std::to_string(layout.cols) +
                               " values, the file holds " + std::to_string(held) + " bytes of data";
  error = path + (!fits || layout.rows * layout.cols > values ? ": truncated data: the header promises "
                                                              : ": more data than the header's shape: it promises ") +
          promised + " (" + std::to_string(layout.width) + " bytes each)";
  return false;
}

}  // namespace

bool parse_npy_header(const std::string& path, const std::string& bytes, std::uint64_t file_size,
                      npy_layout& out, std::string& error) {
  if (bytes.size() < magic_len + 4 || bytes.compare(0, magic_len, magic, magic_len) != 0) {
    error = path + ": not a .npy file (bad magic)";
    return false;
  }
  const auto major = static_cast<unsigned char>(bytes[magic_len]);
  if (major < 1 || major > 3) {
    error = path + ": unsupported .npy version " + std::to_string(major);
    return false;
  }
  const std::size_t len_width = major == 1 ? 2 : 4;
  const std::size_t header_at = magic_len + 2 + len_width;
  if (bytes.size() < header_at) {
    error = path + ": truncated .npy header";
    return false;
  }
  const std::uint64_t header_len = little_endian(bytes, magic_len + 2, len_width);
  if (header_len > bytes.size() - header_at) {
    error = path + ": truncated .npy header";
    return false;
  }
  const std::string header = bytes.substr(header_at, static_cast<std::size_t>(header_len));
  std::string descr, fortran, shape;
  if (!dict_value(header, "descr", descr) || !dict_value(header, "fortran_order", fortran) ||
      !dict_value(header, "shape", shape)) {
    error = path + ": malformed .npy header";
    return false;
  }
  std::size_t width = 0;
  if (descr == "'<f4'" || descr == "'|f4'") width = 4;
  if (descr == "'<f8'" || descr == "'|f8'") width = 8;
  if (width == 0) {
    error = path + ": unsupported dtype " + descr + " (tinykm reads float32 '<f4' or float64 '<f8')";
    return false;
  }
  if (fortran != "False") {
    error = path + ": Fortran-order arrays are not supported (save with C order)";
    return false;
  }
  std::size_t rows = 0, cols = 0;
  if (!parse_shape(shape, rows, cols)) {
    error = path + ": unsupported shape " + shape + " (need (n,) or (n, d))";
    return false;
  }
  out = npy_layout{width, rows, cols, header_at + static_cast<std::size_t>(header_len)};
  return check_data_size(path, out, file_size, error);
}

std::size_t npy_header_bytes(const std::string& prefix) {
  if (prefix.size() < magic_len + 4) return 0;
  const auto major = static_cast<unsigned char>(prefix[magic_len]);
  const std::size_t len_width = major == 1 ? 2 : 4;
  if (prefix.size() < magic_len + 2 + len_width) return 0;
  return magic_len + 2 + len_width +
         static_cast<std::size_t>(little_endian(prefix, magic_len + 2, len_width));
}

bool decode_npy_rows(const std::string& path, const npy_layout& layout, const std::string& data,
                     std::size_t first_row, matrix& out, std::string& error) {
  const std::size_t width = layout.width, cols = layout.cols;
  const std::size_t rows = cols == 0 ? 0 : data.size() / width / cols;
  out.rows = rows;
  out.cols = cols;
  out.values.resize(rows * cols);
  for (std::size_t i = 0; i < rows * cols; ++i) {
    const std::uint64_t bits = little_endian(data, i * width, width);
    float v = 0.0f;
    if (width == 4) {
      const auto b = static_cast<std::uint32_t>(bits);
      std::memcpy(&v, &b, sizeof v);
    } else {
      double wide = 0.0;
      std::memcpy(&wide, &bits, sizeof wide);
      v = static_cast<float>(wide);  // beyond float32's range this is inf, refused below
    }
    if (!std::isfinite(v)) {
      error = path + ": value at row " + std::to_string(first_row + i / cols) + ", column " +
              std::to_string(i % cols) + " is not a finite float32";
      return false;
    }
    out.values[i] = v;
  }
  return true;
}

bool parse_npy(const std::string& path, const std::string& bytes, matrix& out, std::string& error) {
  npy_layout layout{};
  if (!parse_npy_header(path, bytes, bytes.size(), layout, error)) return false;
  const std::string data = bytes.substr(layout.data_at, layout.rows * layout.cols * layout.width);
  if (!decode_npy_rows(path, layout, data, 0, out, error)) return false;
  out.rows = layout.rows;  // also when cols == 0
  return true;
}

std::string npy_bytes(const float* values, std::size_t rows, std::size_t cols) {
  std::string out = npy_header("<f4", rows, cols);
  for (std::size_t i = 0; i < rows * cols; ++i) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &values[i], sizeof bits);
    append_u32(out, bits);
  }
  return out;
}

std::string npy_bytes(const std::int32_t* values, std::size_t rows, std::size_t cols) {
  std::string out = npy_header("<i4", rows, cols);
  for (std::size_t i = 0; i < rows * cols; ++i) append_u32(out, static_cast<std::uint32_t>(values[i]));
  return out;
}

}  // namespace tinykm_cli
