// The subcommands: each has a spec (options, --help text) and a run function that returns the
// exit status. Errors go through fail(): one line on stderr, exit status 1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "args.hpp"
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

// Prints "tinykm: <message>" on stderr and returns 1.
int fail(const std::string& message);
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

// A model file and a data file whose columns match the model's d.
bool load_model_and_data(const std::string& model_path, const std::string& data_path,
                         std::vector<float>& storage, tinykm::model_view& model, matrix& data,
                         std::string& error);

}  // namespace tinykm_cli
