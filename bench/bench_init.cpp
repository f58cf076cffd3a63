// Seeding alone, against one assignment pass measured in the same benchmark:
//
//   init/<method>/<shape>  detail::init_centroids on the active table (k-means++ is what a
//                          default fit runs first)
// Counters (thread CPU time): seed_ms (one seeding), assign_ms (one assignment pass over the
// same data with k centres: the fastest of 3 after each seeding), assign_passes = seed_ms /
// assign_ms, and target_passes = 1.5 x T (T = 2 + floor(ln k) candidates per centre: greedy k-means++ computes
// about T x k distances per point, T assignment passes' worth of distance work).
//   fit_init/<method>/<shape>  a full default fit (n_init = 10, tol 1e-4) seeded by <method>,
//                          sensor-16d and embed-128d: fit_ms and the final inertia (is k-means||
//                          worth making the default at large n k d?)
#include "bench_init.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include "assign_pass.hpp"
#include "init.hpp"
#include "kernels.hpp"
#include "shapes.hpp"
#include "tinykm/tinykm.hpp"
#include "workspace.hpp"

namespace tinykm_bench {

namespace {

// CPU time of the calling thread in ms: the machine is shared, so wall time would count others.
double thread_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

// CPU time of one assignment pass of the data against its first k points (the fastest of
// `passes`, so a pass that another process interrupted does not count).
double assign_pass_ms(const tinykm::detail::dataset& data, std::size_t k,
                      tinykm::detail::fit_scratch& scratch, int passes) {
  const tinykm::kernels::kernel_table& kt = tinykm::kernels::active();
  double best = 0.0;
  for (int r = 0; r < passes; ++r) {
    const double start = thread_ms();
    benchmark::DoNotOptimize(tinykm::detail::assign_pass(kt, data, data.points, k, scratch,
                                                         nullptr, nullptr));
    const double took = thread_ms() - start;
    best = r == 0 || took < best ? took : best;
  }
  return best;
}

tinykm::fit_params params_with(const shape& s, tinykm::init_method method, std::uint32_t n_init) {
  tinykm::fit_params params;
  params.k = s.k;
  params.init = method;
  params.n_init = n_init;
  return params;
}

void bm_init(benchmark::State& state, std::size_t index, tinykm::init_method method) {
  const shape& s = reference_shapes[index];
  const float* points = planted_blobs(index);
  const tinykm::fit_params params = params_with(s, method, 1);
  std::vector<unsigned char> buffer(tinykm::fit_workspace_size(params, s.n, s.d));
  tinykm::detail::fit_scratch scratch =
      tinykm::detail::carve_fit_scratch(params, s.n, s.d, buffer.data());
  const tinykm::detail::dataset data{points, s.n, s.d, nullptr};
  // Each seeding is followed by assignment passes, so both see the same machine: it is shared.
  double seed_ms = 0.0, assign_ms = 0.0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    const double start = thread_ms();
    tinykm::detail::init_centroids(tinykm::kernels::active(), data, params, seed++, scratch);
    seed_ms += thread_ms() - start;
    benchmark::DoNotOptimize(scratch.centroids);
    benchmark::ClobberMemory();
    state.PauseTiming();
    assign_ms += assign_pass_ms(data, s.k, scratch, 3);
    state.ResumeTiming();
  }
  seed_ms /= static_cast<double>(state.iterations());
  assign_ms /= static_cast<double>(state.iterations());
  state.counters["seed_ms"] = seed_ms;
  state.counters["assign_ms"] = assign_ms;
  state.counters["assign_passes"] = seed_ms / assign_ms;
  state.counters["target_passes"] =
      1.5 * static_cast<double>(tinykm::detail::kmeans_plus_plus_trials(s.k));
}

// One full fit with defaults but the init method: time (thread CPU) and final inertia.
void bm_fit_init(benchmark::State& state, std::size_t index, tinykm::init_method method) {
  const shape& s = reference_shapes[index];
  const float* points = planted_blobs(index);
  const tinykm::fit_params params = params_with(s, method, 10);
  std::vector<unsigned char> buffer(tinykm::fit_workspace_size(params, s.n, s.d));
  std::vector<float> centres(s.k * s.d);
  tinykm::fit_result result;
  double fit_ms = 0.0;
  for (auto _ : state) {
    tinykm::model_view model{centres.data(), centres.size(), 0, 0};
    const double start = thread_ms();
    const tinykm::status st = tinykm::fit(points, s.n, s.d, nullptr, params, model,
                                          buffer.data(), buffer.size(), &result);
    fit_ms += thread_ms() - start;
    if (st != tinykm::status::ok) state.SkipWithError("fit failed");
  }
  state.counters["fit_ms"] = fit_ms / static_cast<double>(state.iterations());
  state.counters["inertia"] = result.inertia;
  state.counters["iterations"] = static_cast<double>(result.iterations);
}

}  // namespace

void register_init_benchmarks() {
  const struct {
    const char* name;
    tinykm::init_method method;
  } methods[] = {{"k-means++", tinykm::init_method::kmeans_plus_plus},
                 {"k-means||", tinykm::init_method::kmeans_parallel}};
  for (const auto& m : methods)
    for (std::size_t i = 0; i < n_reference_shapes; ++i) {
      const std::string name = std::string("init/") + m.name + "/" + reference_shapes[i].name;
      benchmark::RegisterBenchmark(name.c_str(), bm_init, i, m.method)
          ->Unit(benchmark::kMillisecond);
    }
  for (const auto& m : methods)
    for (std::size_t i = 0; i < n_reference_shapes; ++i) {
      const std::string shape_name = reference_shapes[i].name;
      if (shape_name != "sensor-16d" && shape_name != "embed-128d") continue;
      const std::string name = std::string("fit_init/") + m.name + "/" + shape_name;
      benchmark::RegisterBenchmark(name.c_str(), bm_fit_init, i, m.method)
          ->Unit(benchmark::kMillisecond)
          ->Iterations(1);
    }
}

}  // namespace tinykm_bench
