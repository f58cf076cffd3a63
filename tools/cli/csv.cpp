#include "csv.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace tinykm_cli {

namespace {

std::string trim(const std::string& s) {
  const std::size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return std::string();
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// Fields split at `delimiter`, each trimmed; ' ' splits at runs of blanks.
std::vector<std::string> split_fields(const std::string& line, char delimiter) {
  std::vector<std::string> fields;
  if (delimiter == ' ') {
    for (std::size_t at = line.find_first_not_of(" \t"); at != std::string::npos;) {
      const std::size_t end = line.find_first_of(" \t", at);
      fields.push_back(line.substr(at, end - at));
      at = line.find_first_not_of(" \t", end);
    }
    return fields;
  }
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = line.find(delimiter, start);
    fields.push_back(trim(line.substr(start, at - start)));
    if (at == std::string::npos) return fields;
    start = at + 1;
  }
}

char detect_delimiter(const std::string& line) {
  for (const char c : {';', '\t', ','})
    if (line.find(c) != std::string::npos) return c;
  return ' ';
}

// A whole field read as a number: strtod's syntax, so "nan" and "inf" parse (and are refused
// by the caller as non-finite). Out-of-range values parse too (ERANGE is not checked): a tiny
// one as strtod rounds it, a huge one as infinity, so every line reads them alike.
bool parse_number(const std::string& field, double& value) {
  if (field.empty()) return false;
  char* end = nullptr;
  value = std::strtod(field.c_str(), &end);
  return end == field.c_str() + field.size();
}

// A field quoted in an error message, cut short if long.
std::string quoted(const std::string& field) {
  return "'" + (field.size() <= 40 ? field : field.substr(0, 37) + "...") + "'";
}

bool is_header(const std::vector<std::string>& fields) {
  double v = 0.0;
  for (const std::string& f : fields)
    if (parse_number(f, v)) return false;
  return true;
}

// One data line into row; false with a message naming the column.
bool parse_row(const std::vector<std::string>& fields, bool first, std::vector<float>& row,
               std::string& error) {
  row.resize(fields.size());
  for (std::size_t j = 0; j < fields.size(); ++j) {
    const std::string column = "column " + std::to_string(j + 1);
    double v = 0.0;
    if (fields[j].empty()) {
      error = column + " is empty";
      return false;
    }
    if (!parse_number(fields[j], v)) {
      error = column + " is not a number: " + quoted(fields[j]);
      if (first) error += " (a header line holds no numbers; --header skips the first line)";
      return false;
    }
    row[j] = static_cast<float>(v);
    if (!std::isfinite(row[j])) {
      error = column + " is not a finite float32: " + quoted(fields[j]);
      return false;
    }
  }
  return true;
}

template <typename T, typename Format>
std::string csv_rows(const T* values, std::size_t rows, std::size_t cols, char delimiter,
                     Format format) {
  std::string out;
  char buffer[32];
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      if (j != 0) out += delimiter;
      out.append(buffer, format(buffer, sizeof buffer, values[i * cols + j]));
    }
    out += '\n';
  }
  return out;
}

}  // namespace

bool parse_csv(const std::string& path, const std::string& text, const csv_options& options,
               matrix& out, std::string& error) {
  const csv_header header = options.header;
  char delimiter = options.delimiter;
  matrix parsed;
  std::size_t line_no = 0;
  std::size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a UTF-8 BOM
  bool first = true;
  std::vector<float> row;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    // A tab-separated line keeps its tabs: an empty first or last field is an error, not dropped.
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (trim(line).empty()) continue;
    if (delimiter == 0) delimiter = detect_delimiter(line);
    if (delimiter != '\t') line = trim(line);
    const std::vector<std::string> fields = split_fields(line, delimiter);
    const bool was_first = first;
    first = false;
    if (was_first && (header == csv_header::yes || (header == csv_header::detect && is_header(fields))))
      continue;
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (parsed.rows != 0 && fields.size() != parsed.cols) {
      error = where + "expected " + std::to_string(parsed.cols) + " columns, found " +
              std::to_string(fields.size());
      return false;
    }
    if (!parse_row(fields, was_first && header == csv_header::detect, row, error)) {
      error = where + error;
      return false;
    }
    parsed.cols = fields.size();
    parsed.values.insert(parsed.values.end(), row.begin(), row.end());
    ++parsed.rows;
  }
  if (parsed.rows == 0) {
    error = path + ": no data rows";
    return false;
  }
  out = std::move(parsed);
  return true;
}

std::string csv_text(const float* values, std::size_t rows, std::size_t cols, char delimiter) {
  return csv_rows(values, rows, cols, delimiter, [](char* b, std::size_t n, float v) {
    return static_cast<std::size_t>(std::snprintf(b, n, "%.9g", static_cast<double>(v)));
  });
}

std::string csv_text(const std::int32_t* values, std::size_t rows, std::size_t cols,
                     char delimiter) {
  return csv_rows(values, rows, cols, delimiter, [](char* b, std::size_t n, std::int32_t v) {
    return static_cast<std::size_t>(std::snprintf(b, n, "%d", static_cast<int>(v)));
  });
}

}  // namespace tinykm_cli
