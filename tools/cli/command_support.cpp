#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.hpp"
#include "console.hpp"
#include "data_io.hpp"
#include "memory.hpp"
#include "model_file.hpp"

namespace tinykm_cli {

const char* tool_version() { return TINYKM_CLI_VERSION; }

int fail(const std::string& message) {
  std::fprintf(stderr, "tinykm: %s\n", message.c_str());
  return 1;
}

std::string exception_message(const std::string& command) {
  try {
    throw;
  } catch (const too_big& e) {
    return command + ": " + e.what();
  } catch (const std::bad_alloc&) {
    return command + ": out of memory";
  } catch (const std::exception& e) {
    return command + ": " + e.what();
  } catch (...) {
    return command + ": unknown error";
  }
}

int report_exception(const std::string& command) { return fail(exception_message(command)); }

int finish(int code) {
  std::string error;
  if (finish_stdout(error)) return code;
  fail(error);
  return code == 0 ? 1 : code;
}

std::string library_error(const char* what, tinykm::status s) {
  return std::string(what) + ": " + tinykm::to_string(s);
}

bool thread_option::parse(const parsed_args& args, std::string& error) {
  std::size_t threads = 1;
  if (!option_value(args, "--threads", threads, error)) return false;
  if (threads == 0 || threads > 1024) {
    error = "--threads: expected 1 to 1024";
    return false;
  }
  if (threads > 1) pool_ = std::make_unique<tinykm_tools::thread_pool>(threads);
  return true;
}

std::vector<option_spec> with_data_options(std::vector<option_spec> options) {
  options.push_back({"--header", nullptr, nullptr,
                     "a CSV input's first line is a header (default: if none of its fields is a number)"});
  options.push_back({"--no-header", nullptr, nullptr, "a CSV input's first line is data"});
  options.push_back({"--delimiter", nullptr, "C",
                     "CSV field separator: , ; tab or space (blanks); default: from the first line"});
  options.push_back({"--format", nullptr, "FMT",
                     "csv, tsv or npy: format of data read from - or an unknown name (default: sniffed)"});
  return options;
}

namespace {

struct format_name {
  const char* name;
  data_format format;
};
const format_name format_names[] = {
    {"csv", data_format::csv}, {"tsv", data_format::tsv}, {"npy", data_format::npy}};

bool format_option(const parsed_args& args, const char* option, data_format& format,
                   std::string& error) {
  if (!args.has(option)) return true;
  for (const format_name& f : format_names)
    if (args.values.at(option) == f.name) {
      format = f.format;
      return true;
    }
  error = std::string(option) + ": expected csv, tsv or npy, got '" + args.values.at(option) + "'";
  return false;
}

}  // namespace

bool parse_read_options(const parsed_args& args, read_options& options, std::string& error) {
  if (args.has("--header") && args.has("--no-header")) {
    error = "--header and --no-header contradict each other";
    return false;
  }
  options.csv.header = args.has("--header")      ? csv_header::yes
                       : args.has("--no-header") ? csv_header::no
                                                 : csv_header::detect;
  if (args.has("--delimiter")) {
    const std::string& d = args.values.at("--delimiter");
    // "\t" as typed, and a real tab or space as a shell passes a quoted one.
    const std::pair<const char*, char> names[] = {{",", ','},    {";", ';'},     {"tab", '\t'},
                                                  {"\\t", '\t'}, {"\t", '\t'},    {"space", ' '},
                                                  {" ", ' '}};
    options.csv.delimiter = '\0';
    for (const auto& n : names)
      if (d == n.first) options.csv.delimiter = n.second;
    if (options.csv.delimiter == '\0') {
      error = "--delimiter: expected , ; tab or space, got '" + d + "'";
      return false;
    }
  }
  return format_option(args, "--format", options.format, error);
}

bool parse_output_format(const parsed_args& args, data_format& format, std::string& error) {
  format = data_format::csv;
  return format_option(args, "--output-format", format, error);
}

namespace {

// Whether two paths name the same file: the same device and inode when both exist, else the
// same absolute path. Devices, pipes and the empty path (stdout) never clash.
bool same_file(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a == "-" || b == "-") return false;
  struct stat sa {}, sb {};
  const bool has_a = ::stat(a.c_str(), &sa) == 0, has_b = ::stat(b.c_str(), &sb) == 0;
  if ((has_a && !S_ISREG(sa.st_mode)) || (has_b && !S_ISREG(sb.st_mode))) return false;
  if (has_a && has_b) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  std::error_code ea, eb;
  const auto ca = std::filesystem::weakly_canonical(a, ea), cb = std::filesystem::weakly_canonical(b, eb);
  return !ea && !eb && ca == cb;
}

}  // namespace

bool check_outputs(const std::vector<std::string>& inputs, const std::vector<std::string>& outputs,
                   std::string& error) {
  if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
    error = "standard input (-) can be only one of the inputs";
    return false;
  }
  const auto to_stdout = std::count(outputs.begin(), outputs.end(), "-");
  if (to_stdout > 1) {
    error = "standard output (-) can be only one of the outputs";
    return false;
  }
  if (to_stdout == 1) stdout_holds_data();
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    for (const std::string& in : inputs)
      if (same_file(outputs[i], in)) {
        error = outputs[i] + ": is also an input; refusing to write over it";
        return false;
      }
    for (std::size_t j = 0; j < i; ++j)
      if (same_file(outputs[i], outputs[j])) {
        error = outputs[i] + ": two outputs would go to this one file";
        return false;
      }
  }
  return true;
}

bool load_model_and_data(const std::string& model_path, const std::string& data_path,
                         const read_options& options, std::vector<float>& storage,
                         tinykm::model_view& model, matrix& data, std::string& error) {
  if (!load_model_file(model_path, storage, model, error) ||
      !read_matrix(data_path, options, data, error))
    return false;
  if (data.cols != model.d) {
    error = data_path + ": " + std::to_string(data.cols) + " columns, but the model has d = " +
            std::to_string(model.d);
    return false;
  }
  return true;
}

}  // namespace tinykm_cli
