#include "npy_rows.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>

#include "memory.hpp"

namespace tinykm_cli {

namespace {

// `count` bytes at `offset` of the file; false (with a message) when it is shorter.
bool read_at(const std::string& path, std::size_t offset, std::size_t count, std::string& bytes,
             std::string& error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  bytes.assign(count, '\0');
  const bool placed = std::fseek(f, static_cast<long>(offset), SEEK_SET) == 0;
  const std::size_t got = placed && count != 0 ? std::fread(&bytes[0], 1, count, f) : 0;
  std::fclose(f);
  if (got != count) {
    error = path + ": truncated .npy file (needed bytes " + std::to_string(offset) + " to " +
            std::to_string(offset + count) + ")";
    return false;
  }
  return true;
}

}  // namespace

bool read_npy_layout(const std::string& path, npy_layout& layout, std::string& error) {
  std::string prefix;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  struct stat st {};
  const bool sized = ::fstat(::fileno(f), &st) == 0 && S_ISREG(st.st_mode);
  char start[12] = {};
  const std::size_t got = std::fread(start, 1, sizeof start, f);
  std::fclose(f);
  if (!sized) {
    error = path + ": not a regular file (tinykm-mpi reads .npy files by offset)";
    return false;
  }
  prefix.assign(start, got);
  const auto size = static_cast<std::uint64_t>(st.st_size);
  const std::size_t header = npy_header_bytes(prefix);
  // A header longer than the file is refused by parse_npy_header, before it is read.
  if (header > got && header <= size && !read_at(path, 0, header, prefix, error)) return false;
  return parse_npy_header(path, prefix, size, layout, error);
}

bool read_npy_rows(const std::string& path, const npy_layout& layout, std::size_t begin,
                   std::size_t end, matrix& out, std::string& error) {
  const std::size_t row_bytes = layout.cols * layout.width;  // no overflow: parse_npy_header
  const std::size_t count = (end - begin) * row_bytes;
  std::string data;
  const std::string what = "rows " + std::to_string(begin) + " to " + std::to_string(end) + " of " +
                           path;  // the bytes, then as many again as floats or less
  if (!guard_allocation(what, 2.0 * static_cast<double>(count), [&] {
        return read_at(path, layout.data_at + begin * row_bytes, count, data, error) &&
               decode_npy_rows(path, layout, data, begin, out, error);
      }))
    return false;
  out.rows = end - begin;
  return true;
}

}  // namespace tinykm_cli
