// The CLI's .npy reader (tools/cli/npy.hpp) on arbitrary bytes: whole files with parse_npy, and
// the header + row-range path tinykm-mpi uses. It must refuse or accept, never crash; what it
// accepts must be a consistent matrix of finite floats that writes back to the same values.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "npy.hpp"

using tinykm_fuzz::require;

namespace {

void check_matrix(const tinykm_cli::matrix& m) {
  require(m.cols == 0 ? m.values.empty() : m.values.size() / m.cols == m.rows &&
                                                m.values.size() % m.cols == 0,
          "npy matrix shape");
  for (float v : m.values) require(std::isfinite(v), "npy value not finite");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  tinykm_cli::matrix m;
  std::string error;
  if (tinykm_cli::parse_npy("fuzz.npy", bytes, m, error)) {
    check_matrix(m);
    if (m.cols > 0) {  // writes back to the same values (float64 input is narrowed once)
      tinykm_cli::matrix again;
      require(tinykm_cli::parse_npy("again.npy", tinykm_cli::npy_bytes(m.values.data(), m.rows, m.cols),
                                    again, error),
              "npy_bytes output refused");
      require(again.rows == m.rows && again.cols == m.cols && again.values == m.values,
              "npy round trip changed the matrix");
    }
  } else {
    require(!error.empty(), "refusal without a message");
  }

  // Header, then a range of whole rows, as tinykm-mpi reads one rank's share.
  const std::size_t header = tinykm_cli::npy_header_bytes(bytes.substr(0, 12));
  tinykm_cli::npy_layout layout{};
  if (header > 0 && tinykm_cli::parse_npy_header("fuzz.npy", bytes, bytes.size(), layout, error)) {
    require(layout.data_at <= bytes.size(), "npy data offset past the end");
    require(layout.rows * layout.cols * layout.width == bytes.size() - layout.data_at,
            "npy header accepted a shape that is not the data");
    require(layout.width == 4 || layout.width == 8, "npy width");
    if (layout.cols > 0 && layout.cols <= bytes.size()) {
      const std::size_t row_bytes = layout.cols * layout.width;
      const std::string rest = bytes.substr(layout.data_at);
      const std::size_t rows = rest.size() / row_bytes;
      const std::size_t first = rows / 2;
      tinykm_cli::matrix part;
      if (tinykm_cli::decode_npy_rows("fuzz.npy", layout, rest.substr(first * row_bytes), first,
                                      part, error)) {
        check_matrix(part);
        require(part.rows == rows - first, "npy row range size");
      }
    }
  }
  return 0;
}
