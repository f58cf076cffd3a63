// tinykm predict / transform MODEL DATA: a saved model applied to new data.
#include <cstdio>

#include "console.hpp"
#include "commands.hpp"
#include "data_io.hpp"
#include "json.hpp"
#include "memory.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm_cli {

const command_spec& predict_spec() {
  static const command_spec spec{
      "predict", "MODEL DATA", 2,
      "Labels each row of DATA with its nearest centre (0 to k-1; ties: the lowest index).",
      "Without -o the labels are printed, one per line (not with --json).",
      with_csv_options({{"--output", "-o", "LABELS", "write the labels to LABELS (.npy int32 or CSV)"},
                        {"--threads", nullptr, "N", "threads (default 1)"},
                        {"--json", nullptr, nullptr, "print a JSON summary (sizes, inertia) instead of text"}})};
  return spec;
}

const command_spec& transform_spec() {
  static const command_spec spec{
      "transform", "MODEL DATA", 2,
      "Writes the Euclidean distance from each row of DATA to every centre (n x k).",
      "Without -o the distances are printed as CSV.",
      with_csv_options({{"--output", "-o", "DIST", "write the distances to DIST (.npy float32 or CSV)"}})};
  return spec;
}

namespace {

// MODEL and DATA, once the options are checked and the output is none of them.
bool load_inputs(const parsed_args& args, std::vector<float>& storage, tinykm::model_view& model,
                 matrix& data, std::string& error) {
  csv_header header = csv_header::detect;
  return parse_csv_header(args, header, error) &&
         check_outputs(args.positionals, {args.text("--output", "")}, error) &&
         load_model_and_data(args.positionals[0], args.positionals[1], header, storage, model, data,
                             error);
}

}  // namespace

int run_predict(const parsed_args& args) {
  std::string error;
  thread_option threads;
  std::vector<float> storage;
  tinykm::model_view model;
  matrix data;
  if (!threads.parse(args, error) || !load_inputs(args, storage, model, data, error))
    return fail(error);
  std::vector<std::int32_t> labels;
  allocate(labels, data.rows, 1, "the labels");
  tinykm::status s = tinykm::predict(model, data.values.data(), data.rows, data.cols, labels.data(),
                                     threads.parallel());
  double inertia = 0.0;
  if (s == tinykm::status::ok)
    s = tinykm::inertia(model, data.values.data(), data.rows, data.cols, nullptr, &inertia);
  if (s != tinykm::status::ok) return fail(library_error("predict", s));
  const std::string out = args.text("--output", "");
  const bool json = args.has("--json");
  if ((!out.empty() || !json) && !write_matrix(out, labels.data(), data.rows, 1, error))
    return fail(error);

  std::vector<double> sizes(model.k, 0.0);
  for (const std::int32_t l : labels) sizes[static_cast<std::size_t>(l)] += 1.0;
  if (json) {
    json_object summary;
    summary.add("command", "predict").add("n", data.rows).add("k", model.k).add("inertia", inertia);
    summary.add("cluster_sizes", sizes).add("labels", out);
    print_to(stdout, "%s\n", summary.str().c_str());
  } else if (!out.empty()) {
    print_to(stdout, "%zu labels written to %s; inertia %.6g; cluster sizes", data.rows, out.c_str(),
                inertia);
    for (const double c : sizes) print_to(stdout, " %.0f", c);
    print_to(stdout, "\n");
  }
  return 0;
}

int run_transform(const parsed_args& args) {
  std::string error;
  std::vector<float> storage;
  tinykm::model_view model;
  matrix data;
  if (!load_inputs(args, storage, model, data, error)) return fail(error);
  std::vector<float> distances;
  allocate(distances, data.rows, model.k, "the distances");
  const tinykm::status s = tinykm::transform(model, data.values.data(), data.rows, data.cols,
                                             distances.data(), distances.size());
  if (s != tinykm::status::ok) return fail(library_error("transform", s));
  if (!write_matrix(args.text("--output", ""), distances.data(), data.rows, model.k, error))
    return fail(error);
  return 0;
}

}  // namespace tinykm_cli
