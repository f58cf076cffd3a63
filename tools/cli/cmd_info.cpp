// tinykm info MODEL: the shape and centres of a saved model.
#include <cstdio>

#include "console.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "model_file.hpp"

namespace tinykm_cli {

const command_spec& info_spec() {
  static const command_spec spec{"info", "MODEL", 1,
                                 "Prints a saved model's k, d and centres (one per line).", nullptr,
                                 {{"--json", nullptr, nullptr, "print JSON instead of text"}}};
  return spec;
}

int run_info(const parsed_args& args) {
  std::string error;
  std::vector<float> storage;
  tinykm::model_view model;
  if (!load_model_file(args.positionals[0], storage, model, error)) return fail(error);
  if (args.has("--json")) {
    std::vector<std::string> centres;
    for (std::size_t c = 0; c < model.k; ++c) {
      std::vector<std::string> row;
      for (std::size_t j = 0; j < model.d; ++j)
        row.push_back(json_number(static_cast<double>(model.centroids[c * model.d + j])));
      centres.push_back(json_array(row));
    }
    json_object json;
    json.add("command", "info").add("model", args.positionals[0]).add("k", model.k).add("d", model.d);
    json.add_raw("centroids", json_array(centres));
    print_to(stdout, "%s\n", json.str().c_str());
    return 0;
  }
  print_to(stdout, "%s: tinykm model, k = %zu clusters of d = %zu features\n", args.positionals[0].c_str(),
              model.k, model.d);
  for (std::size_t c = 0; c < model.k; ++c) {
    print_to(stdout, "centre %zu:", c);
    for (std::size_t j = 0; j < model.d; ++j)
      print_to(stdout, " %.6g", static_cast<double>(model.centroids[c * model.d + j]));
    print_to(stdout, "\n");
  }
  return 0;
}

}  // namespace tinykm_cli
