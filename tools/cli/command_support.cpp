#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "data_io.hpp"
#include "model_file.hpp"

namespace tinykm_cli {

int fail(const std::string& message) {
  std::fprintf(stderr, "tinykm: %s\n", message.c_str());
  return 1;
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

bool load_model_and_data(const std::string& model_path, const std::string& data_path,
                         std::vector<float>& storage, tinykm::model_view& model, matrix& data,
                         std::string& error) {
  if (!load_model_file(model_path, storage, model, error) || !read_matrix(data_path, data, error))
    return false;
  if (data.cols != model.d) {
    error = data_path + ": " + std::to_string(data.cols) + " columns, but the model has d = " +
            std::to_string(model.d);
    return false;
  }
  return true;
}

}  // namespace tinykm_cli
