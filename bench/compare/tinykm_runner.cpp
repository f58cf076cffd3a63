// tinykm on the shared data: Lloyd timing for every backend compiled in, and a default fit.
//
// Iterations: fit_params::max_iter counts Lloyd iterations, each one assignment pass plus one
// centre update; with init_method::user the first assignment uses the given centres. After the
// loop fit() runs one more assignment pass to measure the final inertia (skipped when the last
// step moved nothing). tol = 0 and n_iter_check = 0 leave only one early stop: an iteration in
// which no centre moved (fit_result::iterations then says how many ran, and we report it).
// The two timed calls run max_iter = 1 and 11; their difference is exactly 10 iterations.
#include <cstdio>
#include <string>
#include <vector>

#include "runner_common.hpp"
#include "tinykm/tinykm.hpp"

namespace {

struct run_out {
  double seconds;
  tinykm::fit_result result;
};

run_out run_fit(const compare::problem& p, const tinykm::fit_params& params,
                std::vector<float>& centres, std::vector<unsigned char>& workspace) {
  tinykm::model_view model{centres.data(), centres.size(), 0, 0};
  run_out out{};
  const double t0 = compare::now_s();
  const tinykm::status s = tinykm::fit(p.points.data(), p.n, p.d, nullptr, params, model,
                                       workspace.data(), workspace.size(), &out.result);
  out.seconds = compare::now_s() - t0;
  if (s != tinykm::status::ok) {
    std::fprintf(stderr, "tinykm::fit failed: %s\n", tinykm::to_string(s));
    std::exit(1);
  }
  return out;
}

std::vector<unsigned char> workspace_for(const tinykm::fit_params& params, std::size_t n,
                                         std::size_t d) {
  return std::vector<unsigned char>(tinykm::fit_workspace_size(params, n, d));
}

}  // namespace

int main(int argc, char** argv) {
  compare::problem p;
  const std::string mode = compare::load(argc, argv, p);
  std::vector<float> centres(p.k * p.d);

  if (mode == "fit") {
    tinykm::fit_params params;  // library defaults: k-means++, max_iter 300, tol 1e-4, seed 0
    params.k = p.k;
    params.n_init = 10;
    std::vector<unsigned char> workspace = workspace_for(params, p.n, p.d);
    const run_out r = run_fit(p, params, centres, workspace);
    const std::string path = p.outdir + "/tinykm.fit.f32";
    compare::write_f32(path, centres.data(), centres.size());
    char settings[160];
    std::snprintf(settings, sizeof settings,
                  "k-means++, n_init=10, max_iter=300, tol=1e-4; best restart ran %u iterations",
                  r.result.iterations);
    compare::print_fit("tinykm", tinykm::backend_name(), r.seconds, settings, path);
    return 0;
  }

  tinykm::fit_params params;
  params.k = p.k;
  params.init = tinykm::init_method::user;
  params.initial_centroids = p.init.data();
  params.tol = 0.0;
  params.n_iter_check = 0;
  std::vector<unsigned char> workspace = workspace_for(params, p.n, p.d);
  const int lo = 1, hi = 11;

  // The automatic choice first (the table's tinykm column), then every other backend compiled
  // in; force_backend() says not_available for the rest.
  const tinykm::backend order[] = {tinykm::backend::automatic, tinykm::backend::scalar,
                                   tinykm::backend::highway, tinykm::backend::xsimd};
  std::vector<std::string> done;
  for (const tinykm::backend b : order) {
    if (tinykm::force_backend(b) != tinykm::status::ok) continue;
    std::string name = tinykm::backend_name();
    bool seen = false;
    for (const std::string& s : done) seen = seen || s == name;
    if (seen) continue;
    done.push_back(name);
    const std::string variant = b == tinykm::backend::automatic ? "auto:" + name : name;

    std::vector<double> t_lo, t_hi;
    tinykm::fit_result last{};
    params.max_iter = lo;
    run_fit(p, params, centres, workspace);  // warm-up: page in the workspace and code
    for (int r = 0; r < p.reps; ++r) {
      params.max_iter = lo;
      t_lo.push_back(run_fit(p, params, centres, workspace).seconds);
      params.max_iter = hi;
      const run_out o = run_fit(p, params, centres, workspace);
      t_hi.push_back(o.seconds);
      last = o.result;
    }
    std::string file = name;  // "hwy:AVX3" -> "hwy_AVX3"
    for (char& c : file) c = c == ':' ? '_' : c;
    const std::string path = p.outdir + "/tinykm-" + file + ".lloyd.f32";
    compare::write_f32(path, centres.data(), centres.size());
    compare::print_lloyd("tinykm", variant, lo, hi, t_lo, t_hi, static_cast<int>(last.iterations),
                         last.iterations < static_cast<unsigned>(hi),
                         static_cast<int>(last.empty_clusters), path);
  }
  (void)tinykm::force_backend(tinykm::backend::automatic);
  return 0;
}
