#include "fit_options.hpp"

#include <cstdio>

#include "console.hpp"
#include "json.hpp"
#include "tinykm/backend.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm_cli {

namespace {

struct init_name {
  const char* name;
  tinykm::init_method method;
};
const init_name init_names[] = {{"auto", tinykm::init_method::automatic},
                                {"k-means++", tinykm::init_method::kmeans_plus_plus},
                                {"random", tinykm::init_method::random},
                                {"farthest", tinykm::init_method::farthest_point},
                                {"k-means||", tinykm::init_method::kmeans_parallel}};

struct algorithm_name {
  const char* name;
  tinykm::lloyd_algorithm algorithm;
};
const algorithm_name algorithm_names[] = {{"lloyd", tinykm::lloyd_algorithm::lloyd},
                                          {"bounded", tinykm::lloyd_algorithm::bounded},
                                          {"auto", tinykm::lloyd_algorithm::automatic}};

bool parse_refine(const parsed_args& args, tinykm::fit_params& params, std::string& error) {
  if (!args.has("--refine")) return true;
  const std::string& name = args.values.at("--refine");
  if (name == "none" || name == "hartigan" || name == "split-merge") {
    params.refine = name == "none"       ? tinykm::refinement::none
                    : name == "hartigan" ? tinykm::refinement::hartigan
                                         : tinykm::refinement::split_merge;
    return true;
  }
  error = "--refine: expected none, hartigan or split-merge, got '" + name + "'";
  return false;
}

bool parse_algorithm(const parsed_args& args, tinykm::fit_params& params, std::string& error) {
  if (!args.has("--algorithm")) return true;
  const std::string& name = args.values.at("--algorithm");
  for (const algorithm_name& a : algorithm_names)
    if (name == a.name) {
      params.algorithm = a.algorithm;
      return true;
    }
  error = "--algorithm: expected lloyd, bounded or auto, got '" + name + "'";
  return false;
}

}  // namespace

std::vector<option_spec> fit_options(std::vector<option_spec> extra) {
  std::vector<option_spec> options{
      {"--k", "-k", "K", "number of clusters (default 8)"},
      {"--init", nullptr, "METHOD",
       "auto (default: k-means|| for large n, k and d, else k-means++), k-means++, random, "
       "farthest or k-means||"},
      {"--n-init", nullptr, "N", "restarts, the lowest inertia wins (default 1)"},
      {"--max-iter", nullptr, "N", "Lloyd iterations per restart (default 300)"},
      {"--tol", nullptr, "T", "stop when the centre shift <= T x mean feature variance (1e-4)"},
      {"--seed", nullptr, "S", "random seed (default 0); the same seed gives the same model"},
      {"--algorithm", nullptr, "A", "lloyd, bounded or auto (default): same model, speed only"},
      {"--refine", nullptr, "R", "none (default), hartigan (single-point moves) or split-merge (move a centre, rerun Lloyd) after Lloyd"},
      {"--weights", nullptr, "W", "file of one positive weight per data row"},
      {"--threads", nullptr, "N", "threads for the fit (default 1); same result for any N"},
      {"--output", "-o", "MODEL", "where to write the model (required)"},
      {"--json", nullptr, nullptr, "print a JSON summary instead of text"}};
  options.insert(options.end(), extra.begin(), extra.end());
  return options;
}

bool parse_fit_params(const parsed_args& args, tinykm::fit_params& params, std::string& error) {
  if (!option_value(args, "--k", params.k, error) || !option_u32(args, "--n-init", params.n_init, error) ||
      !option_u32(args, "--max-iter", params.max_iter, error) ||
      !option_value(args, "--tol", params.tol, error) || !option_u64(args, "--seed", params.seed, error))
    return false;
  if (args.has("--init")) {
    const std::string& name = args.values.at("--init");
    bool known = false;
    for (const init_name& i : init_names) {
      if (name != i.name) continue;
      params.init = i.method;
      known = true;
    }
    if (!known) {
      error = "--init: expected auto, k-means++, random, farthest or k-means||, got '" + name + "'";
      return false;
    }
  }
  if (!parse_algorithm(args, params, error) || !parse_refine(args, params, error)) return false;
  if (params.k == 0 || params.n_init == 0 || params.max_iter == 0 || params.tol < 0.0) {
    error = "-k, --n-init and --max-iter must be at least 1, --tol at least 0";
    return false;
  }
  return true;
}

const char* init_label(tinykm::init_method m) {
  for (const init_name& i : init_names)
    if (i.method == m) return i.name;
  return "?";
}


void print_fit_report(const fit_report& report, bool json) {
  const tinykm::fit_params& params = report.params;
  const tinykm::fit_result& r = report.result;
  const char* init = init_label(tinykm::chosen_init(params, report.rows, report.cols));  // as run
  if (json) {
    json_object out;
    out.add("command", "fit").add("data", report.data_path).add("n", report.rows).add("d", report.cols);
    out.add("k", params.k).add("init", init).add("n_init", std::size_t{params.n_init});
    out.add_raw("seed", std::to_string(params.seed)).add("inertia", r.inertia);
    out.add("iterations", std::size_t{r.iterations}).add("converged", r.converged);
    out.add("best_init", std::size_t{r.best_init}).add("empty_clusters", std::size_t{r.empty_clusters});
    out.add("seconds", report.seconds).add("backend", tinykm::backend_name()).add("model", report.model_path);
    if (report.ranks != 0) out.add("ranks", static_cast<std::size_t>(report.ranks));
    if (!report.plot_path.empty()) {
      out.add("plot", report.plot_path).add("plot_points", report.plot_points);
      out.add("inertia_per_iteration", *report.curve);
    }
    print_to(summary_file(), "%s\n", out.str().c_str());
    return;
  }
  print_to(summary_file(), "fit %zu x %zu points from %s, k = %zu, %s init, %u restart%s", report.rows,
              report.cols, report.data_path.c_str(), params.k, init,
              params.n_init, params.n_init == 1 ? "" : "s");
  if (report.ranks != 0) print_to(summary_file(), ", %d MPI ranks", report.ranks);
  print_to(summary_file(), "\ninertia %.6g after %u iterations (%s), restart %u won, %.3f s on %s\n", r.inertia,
              r.iterations, r.converged ? "converged" : "max-iter reached", r.best_init + 1,
              report.seconds, tinykm::backend_name());
  print_to(summary_file(), "model written to %s", report.model_path.c_str());
  if (!report.plot_path.empty())
    print_to(summary_file(), ", plot (%zu points) to %s", report.plot_points, report.plot_path.c_str());
  print_to(summary_file(), "\n");
}

}  // namespace tinykm_cli
