// tinykm fit DATA -k K -o model.tkm: batch k-means, the model saved as the library's blob.
#include <chrono>
#include <cstdio>
#include <cstring>

#include "commands.hpp"
#include "data_io.hpp"
#include "fit_options.hpp"
#include "fit_runner.hpp"
#include "model_file.hpp"
#include "plot.hpp"

namespace tinykm_cli {

namespace {

// The weights file: one value per data row, as n values in one column (or one row).
bool read_weights(const parsed_args& args, const read_options& options, std::size_t n,
                  matrix& weights, std::string& error) {
  if (!args.has("--weights")) return true;
  const std::string& path = args.values.at("--weights");
  if (!read_matrix(path, options, weights, error)) return false;
  if (weights.rows * weights.cols != n || (weights.rows != 1 && weights.cols != 1)) {
    error = path + ": expected " + std::to_string(n) + " weights (one per data row), found " +
            std::to_string(weights.rows) + " x " + std::to_string(weights.cols);
    return false;
  }
  return true;
}

}  // namespace

const command_spec& fit_spec() {
  static const command_spec spec{
      "fit", "DATA", 1, "Clusters DATA (.npy float32/float64, or CSV; - is stdin) with k-means and saves the model.",
      "--n-init and --seed are the library's n_init and seed: the model is fit()'s, byte for\n"
      "byte. The model file is tinykm's save() blob: load it with tinykm::load() or\n"
      "`tinykm predict`. On a terminal, a fit that takes over half a second shows its progress\n"
      "(restart, iteration, inertia, elapsed time) on stderr; Ctrl-C erases the line.",
      fit_options(with_data_options(
          {{"--plot", nullptr, "SVG", "draw the clusters and the convergence curve into an SVG file"},
           {"--plot-columns", nullptr, "I,J", "plot these two columns instead of principal components"},
           {"--progress", nullptr, nullptr, "show the progress line even when stderr is no terminal"}}))};
  return spec;
}

int run_fit(const parsed_args& args) {
  std::string error;
  tinykm::fit_params params;
  thread_option threads;
  read_options options;
  if (!parse_fit_params(args, params, error) || !threads.parse(args, error) ||
      !parse_read_options(args, options, error))
    return fail(error);
  if (!args.has("--output")) return fail("fit needs -o MODEL (where to write the model)");
  const std::string& data_path = args.positionals[0];
  const std::string& model_path = args.values.at("--output");
  plot_request plot;
  plot.path = args.text("--plot", "");
  plot.columns = args.text("--plot-columns", "");
  if (!check_outputs({data_path, args.text("--weights", "")}, {model_path, plot.path}, error))
    return fail(error);

  matrix data, weights;
  if (!read_matrix(data_path, options, data, error) ||
      !read_weights(args, options, data.rows, weights, error))
    return fail(error);
  std::size_t x = 0, y = 0;
  if (!check_plot_columns(plot, data.cols, &x, &y, error)) return fail(error);
  if (params.k > tinykm::max_k || data.cols > tinykm::max_d)
    return fail("fit: k must be at most " + std::to_string(tinykm::max_k) + " and d at most " +
                std::to_string(tinykm::max_d) + " (TINYKM_MAX_K, TINYKM_MAX_D)");
  if (params.k > data.rows)
    return fail("-k " + std::to_string(params.k) + " is more than the " + std::to_string(data.rows) +
                " rows of " + data_path);
  params.parallel = threads.parallel();

  const auto start = std::chrono::steady_clock::now();
  progress_line progress(args.has("--progress"));
  fit_run run;
  const tinykm::status s = run_fit(data, weights.values.empty() ? nullptr : weights.values.data(),
                                   params, !plot.path.empty(), progress, run);
  if (s != tinykm::status::ok) return fail(library_error("fit", s));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const tinykm::model_view model{run.centroids.data(), run.centroids.size(), params.k, data.cols};
  if (!save_model_file(model_path, model, error)) return fail(error);
  std::size_t drawn = 0;
  if (!plot.path.empty() &&
      !write_plot(plot, data, model, run.curves, run.result.best_init, &drawn, error))
    return fail(error);

  fit_report report{data_path, data.rows, data.cols, params, run.result, seconds, model_path,
                    "", 0, nullptr, 0};
  if (!plot.path.empty()) {
    report.plot_path = plot.path;
    report.plot_points = drawn;
    report.curve = &run.curves[run.result.best_init];
  }
  print_fit_report(report, args.has("--json"));
  return 0;
}

}  // namespace tinykm_cli
