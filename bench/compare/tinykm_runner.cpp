// tinykm on the shared data: Lloyd timing for every backend compiled in, a default fit split
// into seeding and Lloyd time, and this machine's FMA peak and read bandwidth (the roofline).
//
// Iterations: fit_params::max_iter counts Lloyd iterations, each one assignment pass plus one
// centre update; with init_method::user the first assignment uses the given centres. After the
// loop fit() runs one more assignment pass to measure the final inertia (skipped when the last
// step moved nothing). tol = 0 and n_iter_check = 0 leave only one early stop: an iteration in
// which no centre moved (fit_result::iterations then says how many ran, and we report it).
// The two timed calls run max_iter = 1 and 11; their difference is exactly 10 iterations.
//
// Commands: those of runner_common.hpp, plus `peak` (the vector FMA peak, measured by
// bench/peak_simd.cpp). After the common arguments, `--algorithm NAME` (lloyd, bounded, auto)
// and `--init NAME` (k-means++, random, farthest, k-means||; fit only) and `--refine NAME`
// (none, hartigan; fit only) change tinykm's defaults where this tinykm has them (they compile
// away where it does not).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "peak_simd.hpp"
#include "read_bandwidth.hpp"
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

// --algorithm and --init: fit_params::algorithm and init_method::kmeans_parallel come with
// issue 18. The first overload of each exists only where this tinykm has them (SFINAE), so the
// runner builds on older trees and refuses the option there.
template <class P>
auto set_algorithm(P& p, const std::string& name, int) -> decltype(void(p.algorithm), bool()) {
  using A = decltype(p.algorithm);
  if (name == "lloyd") p.algorithm = A::lloyd;
  else if (name == "bounded") p.algorithm = A::bounded;
  else if (name == "auto" || name == "automatic") p.algorithm = A::automatic;
  else return false;
  return true;
}
template <class P>
bool set_algorithm(P&, const std::string&, long) { return false; }

// --refine: fit_params::refine comes with issue 19, split_merge after hartigan.
template <class P>
auto set_split_merge(P& p, int) -> decltype(void(decltype(p.refine)::split_merge), bool()) {
  p.refine = decltype(p.refine)::split_merge;
  return true;
}
template <class P>
bool set_split_merge(P&, long) { return false; }
template <class P>
auto set_refine(P& p, const std::string& name, int) -> decltype(void(p.refine), bool()) {
  using R = decltype(p.refine);
  if (name == "none") p.refine = R::none;
  else if (name == "hartigan") p.refine = R::hartigan;
  else if (name == "split-merge" || name == "split_merge") return set_split_merge(p, 0);
  else return false;
  return true;
}
template <class P>
bool set_refine(P&, const std::string&, long) { return false; }

template <class E>
auto parallel_init(E& init, int) -> decltype(E::kmeans_parallel, bool()) {
  init = E::kmeans_parallel;
  return true;
}
template <class E>
bool parallel_init(E&, long) { return false; }

bool set_init(tinykm::fit_params& p, const std::string& name) {
  if (name == "k-means++" || name == "kmeans++") p.init = tinykm::init_method::kmeans_plus_plus;
  else if (name == "random") p.init = tinykm::init_method::random;
  else if (name == "farthest") p.init = tinykm::init_method::farthest_point;
  else if (name == "k-means||" || name == "kmeans_parallel") return parallel_init(p.init, 0);
  else return false;
  return true;
}

struct options {
  std::string algorithm, init, refine;  // empty: tinykm's default
};

// Takes --algorithm NAME / --init NAME out of argv (they follow the common arguments).
options take_options(int& argc, char** argv) {
  options o;
  while (argc >= 3 && argv[argc - 2][0] == '-' && argv[argc - 2][1] == '-') {
    const std::string key = argv[argc - 2];
    if (key == "--algorithm") o.algorithm = argv[argc - 1];
    else if (key == "--init") o.init = argv[argc - 1];
    else if (key == "--refine") o.refine = argv[argc - 1];
    else break;
    argc -= 2;
  }
  return o;
}

void apply(const options& o, tinykm::fit_params& params, bool with_init) {
  if (!o.algorithm.empty() && !set_algorithm(params, o.algorithm, 0)) {
    std::fprintf(stderr, "--algorithm %s: not known to this tinykm\n", o.algorithm.c_str());
    std::exit(2);
  }
  if (with_init && !o.init.empty() && !set_init(params, o.init)) {
    std::fprintf(stderr, "--init %s: not known to this tinykm\n", o.init.c_str());
    std::exit(2);
  }
  if (with_init && !o.refine.empty() && !set_refine(params, o.refine, 0)) {
    std::fprintf(stderr, "--refine %s: not known to this tinykm\n", o.refine.c_str());
    std::exit(2);
  }
}

// The median time of `call`: its only time when one run takes over 1.5 s, else the median of 3
// runs, or of up to 11 while they add up to less than half a second (small shapes).
template <class F>
double median_time(F&& call) {
  std::vector<double> t{call()};
  double total = t[0];
  while (t[0] < 1.5 && (t.size() < 3 || (t.size() < 11 && total < 0.5))) {
    t.push_back(call());
    total += t.back();
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// The seeding time of a fit with `params`, through the public API (no library function seeds
// alone). With the same parameters and max_iter = 1, a fit with n_init = 1 costs the per-call
// work (input checks, set-up) + one seeding + one Lloyd iteration + the final assignment pass;
// a fit from init_method::user (which seeds nothing) costs the same less the seeding. Their
// difference is one restart's seeding; every restart seeds the same way (another seed, the same
// work), so the fit's seeding is n_init times it.
double seeding_seconds(const compare::problem& p, const tinykm::fit_params& params) {
  std::vector<float> centres(p.k * p.d);
  tinykm::fit_params one = params;
  one.max_iter = 1;
  one.n_init = 1;
  set_refine(one, "none", 0);  // seeding only: a refinement after one iteration is no seeding
  std::vector<unsigned char> workspace = workspace_for(one, p.n, p.d);
  const double t_one = median_time([&] { return run_fit(p, one, centres, workspace).seconds; });
  tinykm::fit_params user = one;
  user.init = tinykm::init_method::user;
  user.initial_centroids = p.init.data();
  workspace = workspace_for(user, p.n, p.d);
  const double t_user = median_time([&] { return run_fit(p, user, centres, workspace).seconds; });
  return params.n_init * std::max(0.0, t_one - t_user);
}

// A default fit with n_init = 10 (the table's time and centres) and its seeding time.
int run_default_fit(const compare::problem& p, const options& o) {
  tinykm::fit_params params;  // library defaults: k-means++, max_iter 300, tol 1e-4, seed 0
  params.k = p.k;
  params.n_init = 10;
  apply(o, params, true);
  std::vector<float> centres(p.k * p.d);
  std::vector<unsigned char> workspace = workspace_for(params, p.n, p.d);
  run_out full{};
  const double t_full = median_time([&] {
    full = run_fit(p, params, centres, workspace);
    return full.seconds;
  });
  const std::string path = p.outdir + "/tinykm.fit.f32";
  compare::write_f32(path, centres.data(), centres.size());
  const double seeding = std::min(t_full, seeding_seconds(p, params));
  // The refinement's cost: the same fit without it, timed the same way (0 when none ran).
  double refining = 0.0;
  if (!o.refine.empty() && o.refine != "none") {
    tinykm::fit_params plain = params;
    set_refine(plain, "none", 0);
    workspace = workspace_for(plain, p.n, p.d);
    std::vector<float> scratch_centres(p.k * p.d);
    const double t_plain =
        median_time([&] { return run_fit(p, plain, scratch_centres, workspace).seconds; });
    refining = std::max(0.0, t_full - t_plain);
  }

  char settings[240], extra[160];
  std::snprintf(settings, sizeof settings,
                "init=%s, algorithm=%s, refine=%s, n_init=10, max_iter=300, tol=1e-4; best "
                "restart ran %u iterations",
                o.init.empty() ? "default" : o.init.c_str(),
                o.algorithm.empty() ? "default" : o.algorithm.c_str(),
                o.refine.empty() ? "default" : o.refine.c_str(), full.result.iterations);
  std::snprintf(extra, sizeof extra,
                ", \"seeding_s\": %.6f, \"refine_s\": %.6f, \"iterations\": %u, "
                "\"inertia_own\": %.10g", seeding, refining, full.result.iterations,
                full.result.inertia);
  compare::print_fit("tinykm", tinykm::backend_name(), t_full, settings, path, extra);
  return 0;
}

// The best of three of bench/peak_simd.cpp's quick measurements (each already a best of 5).
int run_peak() {
  double best = 0.0;
  for (int r = 0; r < 3; ++r) best = std::max(best, tinykm_bench::quick_vector_peak_gflops());
  std::printf("{\"lib\": \"tinykm\", \"mode\": \"peak\", \"fma_gflops\": %.3f, "
              "\"backend\": \"%s\"}\n",
              best, tinykm::backend_name());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "peak") == 0) return run_peak();
  const options opts = take_options(argc, argv);
  compare::problem p;
  const std::string mode = compare::load(argc, argv, p);
  if (mode == "fit") return run_default_fit(p, opts);
  std::vector<float> centres(p.k * p.d);

  tinykm::fit_params params;
  params.k = p.k;
  params.init = tinykm::init_method::user;
  params.initial_centroids = p.init.data();
  params.tol = 0.0;
  params.n_iter_check = 0;
  apply(opts, params, false);
  std::vector<unsigned char> workspace = workspace_for(params, p.n, p.d);
  const int lo = 1, hi = 11;
  // The memory side of the roofline: read bandwidth over this shape's own points.
  char bandwidth[96];
  std::snprintf(bandwidth, sizeof bandwidth, ", \"read_gbs\": %.3f, \"read_mb\": %.3f",
                compare::read_bandwidth_gbs(p.points.data(), p.points.size()),
                4e-6 * static_cast<double>(p.points.size()));

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
                         static_cast<int>(last.empty_clusters), path, bandwidth);
  }
  (void)tinykm::force_backend(tinykm::backend::automatic);
  return 0;
}
