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
      "Without -o the labels are printed, one per line, or with --json as the \"labels\" array.\n"
      "MODEL or DATA may be - (standard input), LABELS - (standard output).",
      with_data_options({{"--output", "-o", "LABELS", "write the labels to LABELS (.npy int32 or CSV)"},
                         {"--output-format", nullptr, "FMT", "csv (default), tsv or npy: the labels on stdout"},
                         {"--threads", nullptr, "N", "threads (default 1)"},
                         {"--json", nullptr, nullptr, "print a JSON summary (sizes, inertia) instead of text"}})};
  return spec;
}

const command_spec& transform_spec() {
  static const command_spec spec{
      "transform", "MODEL DATA", 2,
      "Writes the Euclidean distance from each row of DATA to every centre (n x k).",
      "Without -o the distances are printed as CSV, or with --json as the \"distances\" array\n"
      "of rows. MODEL or DATA may be - (standard input), DIST - (standard output).",
      with_data_options({{"--output", "-o", "DIST", "write the distances to DIST (.npy float32 or CSV)"},
                         {"--output-format", nullptr, "FMT", "csv (default), tsv or npy: the distances on stdout"},
                         {"--json", nullptr, nullptr, "print a JSON summary instead of text"}})};
  return spec;
}

namespace {

// MODEL and DATA, once the options are checked and the output is none of them and has a
// format the tool writes.
bool load_inputs(const parsed_args& args, data_format& to_stdout, std::vector<float>& storage,
                 tinykm::model_view& model, matrix& data, std::string& error) {
  read_options options;
  const std::string out = args.text("--output", "");
  return parse_read_options(args, options, error) && parse_output_format(args, to_stdout, error) &&
         check_output_name(out, error) && check_outputs(args.positionals, {out}, error) &&
         load_model_and_data(args.positionals[0], args.positionals[1], options, storage, model, data,
                             error);
}

// n x cols values as a JSON array of rows (cols == 1: a flat array).
template <typename T>
std::string json_rows(const T* values, std::size_t n, std::size_t cols) {
  std::vector<std::string> rows(n);
  std::vector<std::string> row(cols);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < cols; ++j) row[j] = json_number(static_cast<double>(values[i * cols + j]));
    rows[i] = cols == 1 ? row[0] : json_array(row);
  }
  return json_array(rows);
}

}  // namespace

int run_predict(const parsed_args& args) {
  std::string error;
  thread_option threads;
  data_format to_stdout = data_format::csv;
  std::vector<float> storage;
  tinykm::model_view model;
  matrix data;
  if (!threads.parse(args, error) || !load_inputs(args, to_stdout, storage, model, data, error))
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
  if ((!out.empty() || !json) && !write_matrix(out, labels.data(), data.rows, 1, to_stdout, error))
    return fail(error);

  std::vector<double> sizes(model.k, 0.0);
  for (const std::int32_t l : labels) sizes[static_cast<std::size_t>(l)] += 1.0;
  if (json) {
    json_object summary;
    summary.add("command", "predict").add("n", data.rows).add("k", model.k).add("inertia", inertia);
    summary.add("cluster_sizes", sizes);
    if (out.empty()) summary.add_raw("labels", json_rows(labels.data(), data.rows, 1));
    else summary.add("output", out);
    print_to(summary_file(), "%s\n", summary.str().c_str());
  } else if (!out.empty()) {
    print_to(summary_file(), "%zu labels written to %s; inertia %.6g; cluster sizes", data.rows,
             out.c_str(), inertia);
    for (const double c : sizes) print_to(summary_file(), " %.0f", c);
    print_to(summary_file(), "\n");
  }
  return 0;
}

int run_transform(const parsed_args& args) {
  std::string error;
  data_format to_stdout = data_format::csv;
  std::vector<float> storage;
  tinykm::model_view model;
  matrix data;
  if (!load_inputs(args, to_stdout, storage, model, data, error)) return fail(error);
  std::vector<float> distances;
  allocate(distances, data.rows, model.k, "the distances");
  const tinykm::status s = tinykm::transform(model, data.values.data(), data.rows, data.cols,
                                             distances.data(), distances.size());
  if (s != tinykm::status::ok) return fail(library_error("transform", s));
  const std::string out = args.text("--output", "");
  const bool json = args.has("--json");
  if ((!out.empty() || !json) &&
      !write_matrix(out, distances.data(), data.rows, model.k, to_stdout, error))
    return fail(error);
  if (json) {
    json_object summary;
    summary.add("command", "transform").add("n", data.rows).add("k", model.k);
    if (out.empty()) summary.add_raw("distances", json_rows(distances.data(), data.rows, model.k));
    else summary.add("output", out);
    print_to(summary_file(), "%s\n", summary.str().c_str());
  }
  return 0;
}

}  // namespace tinykm_cli
