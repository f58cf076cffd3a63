// What `tinykm fit` and `tinykm-mpi fit` share: the fit options and the summary they print.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "args.hpp"
#include "tinykm/params.hpp"

namespace tinykm_cli {

// The options of `tinykm fit` and `tinykm-mpi fit`, then `extra`.
std::vector<option_spec> fit_options(std::vector<option_spec> extra);

// -k, --init, --n-init, --max-iter, --tol, --seed into params; false with a message otherwise.
bool parse_fit_params(const parsed_args& args, tinykm::fit_params& params, std::string& error);

// "k-means++", "random" or "farthest".
const char* init_label(tinykm::init_method m);

struct fit_report {
  std::string data_path;
  std::size_t rows, cols;
  tinykm::fit_params params;
  tinykm::fit_result result;
  double seconds;
  std::string model_path;
  std::string plot_path;                     // empty: no plot
  std::size_t plot_points = 0;
  const std::vector<double>* curve = nullptr;  // the winner's inertia per iteration, with a plot
  int ranks = 0;                             // tinykm-mpi: how many ranks fitted (0: not MPI)
};

// The text summary (three lines) or, with json, one JSON object on stdout.
void print_fit_report(const fit_report& report, bool json);

}  // namespace tinykm_cli
