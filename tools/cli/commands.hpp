// The subcommands: each has a spec (options, --help text) and a run function that returns the
// exit status. Errors go through fail(): one line on stderr, exit status 1. A run function may
// throw too_big (memory.hpp) or std::bad_alloc; main() reports it as fail() would.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "args.hpp"
#include "data_io.hpp"
#include "matrix.hpp"
#include "thread_pool.hpp"
#include "tinykm/model.hpp"
#include "tinykm/parallel.hpp"
#include "tinykm/status.hpp"

namespace tinykm_cli {

struct command {
  const command_spec& (*spec)();
  int (*run)(const parsed_args& args);
};

const command_spec& fit_spec();
int run_fit(const parsed_args& args);
const command_spec& predict_spec();
int run_predict(const parsed_args& args);
const command_spec& transform_spec();
int run_transform(const parsed_args& args);
const command_spec& stream_spec();
int run_stream(const parsed_args& args);
const command_spec& quantize_spec();
int run_quantize(const parsed_args& args);
const command_spec& info_spec();
int run_info(const parsed_args& args);

// The project version (CMake's PROJECT_VERSION), printed by --version as "tinykm <version>".
const char* tool_version();

// Prints "tinykm: <message>" on stderr and returns 1.
int fail(const std::string& message);
// In a catch block: the exception in flight as "<command>: <what>" (too_big names what was too
// big); report_exception() prints it as fail() does.
std::string exception_message(const std::string& command);
int report_exception(const std::string& command);
// The end of main(), in tinykm and tinykm-mpi: stdout flushed and closed, and its first
// failure (finish_stdout) reported; the exit status, non-zero if stdout failed.
int finish(int code);
// "<what>: <status name>"
std::string library_error(const char* what, tinykm::status s);

// The --threads option shared by fit and predict: a std::thread pool, or none for 1 thread.
class thread_option {
 public:
  bool parse(const parsed_args& args, std::string& error);
  tinykm::parallel_for parallel() const {
    return pool_ == nullptr ? tinykm::parallel_for{} : pool_->parallel();
  }

 private:
  std::unique_ptr<tinykm_tools::thread_pool> pool_;
};

// `options` and then --header, --no-header, --delimiter and --format: how data inputs are read.
std::vector<option_spec> with_data_options(std::vector<option_spec> options);
bool parse_read_options(const parsed_args& args, read_options& options, std::string& error);
// --output-format csv|tsv|npy: the format of data written to standard output (default csv).
bool parse_output_format(const parsed_args& args, data_format& format, std::string& error);

// Refuses to write an output over an input or over another output (the same file, by any
// name): `tinykm fit data.npy -o data.npy` would replace the data with the model. Empty paths
// (stdout) and devices such as /dev/null are not compared. "-" may be one input (stdin) and one
// output (stdout; summaries then go to stderr).
bool check_outputs(const std::vector<std::string>& inputs, const std::vector<std::string>& outputs,
                   std::string& error);

// A model file and a data file whose columns match the model's d.
bool load_model_and_data(const std::string& model_path, const std::string& data_path,
                         const read_options& options, std::vector<float>& storage,
                         tinykm::model_view& model,
                         matrix& data, std::string& error);

}  // namespace tinykm_cli
