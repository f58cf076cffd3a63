// The CLI's CSV reader (tools/cli/csv.hpp) on arbitrary text, with each header rule and delimiter. It must refuse or accept, never
// crash; what it accepts must be a consistent matrix of finite floats, and writing that back
// with csv_text (9 significant digits: exact for float32) must read back to the same values.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "csv.hpp"
#include "fuzz_support.hpp"

using tinykm_fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  tinykm_cli::matrix m;
  std::string error;
  // Each header rule and delimiter (detected or given) in turn, chosen by the input's length.
  const tinykm_cli::csv_header rules[] = {tinykm_cli::csv_header::detect,
                                          tinykm_cli::csv_header::yes, tinykm_cli::csv_header::no};
  const char delimiters[] = {0, ',', ';', '\t', ' '};
  tinykm_cli::csv_options options;
  options.header = rules[size % 3];
  options.delimiter = delimiters[size / 3 % 5];
  if (!tinykm_cli::parse_csv("fuzz.csv", text, options, m, error)) {
    require(!error.empty(), "refusal without a message");
    return 0;
  }
  require(m.values.size() == m.rows * m.cols, "csv matrix shape");
  for (float v : m.values) require(std::isfinite(v), "csv value not finite");
  if (m.rows > 0 && m.cols > 0) {
    tinykm_cli::matrix again;
    tinykm_cli::csv_options plain;
    plain.header = tinykm_cli::csv_header::no;  // the delimiter as detected: ','
    require(tinykm_cli::parse_csv("again.csv", tinykm_cli::csv_text(m.values.data(), m.rows, m.cols),
                                  plain, again, error),
            "csv_text output refused");
    require(again.rows == m.rows && again.cols == m.cols && again.values == m.values,
            "csv round trip changed the matrix");
  }
  return 0;
}
