// Speed of the Lloyd loop on the reference shapes (bench/shapes.hpp).
//
//   lloyd_iteration/<backend>/<shape>  one assign + accumulate + update pass, through the
//                            internal detail::lloyd_iteration, on each kernel table available
//   assign/<backend>/<shape>  the assign kernel alone (centres prepared once, outside the
//                            timer): the micro-kernel's own fraction of the peak
//   fit/<shape>              a whole tinykm::fit: k-means++ init, n_init 1, max_iter 20
//   fit_algorithm/<algorithm>/<shape>  the Lloyd loop of a fit to convergence (tol 1e-4,
//                            max_iter 300) from the stride start, with lloyd_algorithm lloyd or
//                            bounded: the same result, so the time ratio is the bounds' gain
//
// Counters (rates use the benchmark's CPU time, the Time/CPU columns give both clocks):
//   items_per_second  points assigned per second (n per Lloyd iteration)
//   GFLOP             GFLOP/s, counting 2 n k d per Lloyd iteration or assign pass (shapes.hpp)
//   of_peak           GFLOP/s as a fraction of the vector FMA peak measured at start-up
//   iter_time         time per Lloyd iteration (for fit: the whole fit, initialisation included,
//                     divided by its Lloyd iterations)
//   lloyd_iters       Lloyd iterations per fit (fit only; 20 means it hit max_iter)
#include "bench_lloyd.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "bench_failure.hpp"
#include "kernels.hpp"
#include "lloyd.hpp"
#include "shapes.hpp"
#include "tinykm/tinykm.hpp"
#include "workspace.hpp"

namespace tinykm_bench {

namespace {

constexpr std::uint32_t fit_max_iter = 20;

double peak = 0.0;  // GFLOP/s of the vector FMA units, from register_lloyd_benchmarks

void set_lloyd_counters(benchmark::State& state, const shape& s, std::uint64_t lloyd_iterations) {
  const double iters = static_cast<double>(lloyd_iterations);
  state.SetItemsProcessed(static_cast<std::int64_t>(lloyd_iterations * s.n));
  state.counters["GFLOP"] =
      benchmark::Counter(iters * lloyd_flops(s) * 1e-9, benchmark::Counter::kIsRate);
  if (peak > 0.0)
    state.counters["of_peak"] =
        benchmark::Counter(iters * lloyd_flops(s) * 1e-9 / peak, benchmark::Counter::kIsRate);
  state.counters["iter_time"] =
      benchmark::Counter(iters, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Starting centres: the points at a stride of n / k through the data. The blobs are assigned to
// points at random, so this is a random-like start (some blobs get two centres, some none), and
// every centre is a data point, so no cluster starts empty.
std::vector<float> stride_centroids(const float* points, const shape& s) {
  std::vector<float> c(s.k * s.d);
  const std::size_t stride = s.n / s.k;
  for (std::size_t j = 0; j < s.k; ++j)
    std::memcpy(&c[j * s.d], &points[j * stride * s.d], s.d * sizeof(float));
  return c;
}

void bm_lloyd_iteration(benchmark::State& state, std::size_t index,
                        const tinykm::kernels::kernel_table* table) {
  const shape& s = reference_shapes[index];
  const float* points = planted_blobs(index);

  tinykm::fit_params params;  // defaults (k-means++ sizing, relocate_farthest) except k
  params.k = s.k;
  std::vector<unsigned char> buffer(tinykm::fit_workspace_size(params, s.n, s.d));
  tinykm::detail::fit_scratch scratch =
      tinykm::detail::carve_fit_scratch(params, s.n, s.d, buffer.data());
  const std::vector<float> start = stride_centroids(points, s);
  const tinykm::kernels::kernel_table& kt = *table;
  const tinykm::detail::dataset data{points, s.n, s.d, nullptr};

  // Every timed iteration starts from the same centres: they are copied back (k x d floats, at
  // most 128 KiB) with the timer paused, so each measurement is the same first Lloyd step rather
  // than a step of a run that drifts towards convergence.
  for (auto _ : state) {
    state.PauseTiming();
    std::memcpy(scratch.centroids, start.data(), start.size() * sizeof(float));
    state.ResumeTiming();
    const tinykm::detail::iteration_outcome out =
        tinykm::detail::lloyd_iteration(kt, data, s.k, params.empty_cluster, scratch);
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
  }
  state.SetLabel(kt.assign_kernel(s.d, s.k));
  set_lloyd_counters(state, s, static_cast<std::uint64_t>(state.iterations()));
}

void bm_assign(benchmark::State& state, std::size_t index,
               const tinykm::kernels::kernel_table* table) {
  const shape& s = reference_shapes[index];
  const float* points = planted_blobs(index);
  const std::vector<float> centroids = stride_centroids(points, s);
  std::vector<float> prepared(tinykm::kernels::prepared_floats(s.k, s.d));
  tinykm::kernels::prepare_centroids(centroids.data(), s.k, s.d, prepared.data());
  std::vector<std::int32_t> labels(s.n);
  std::vector<float> min_dist(s.n);
  for (auto _ : state) {
    table->assign(points, s.n, s.d, centroids.data(), prepared.data(), s.k, labels.data(),
                  min_dist.data());
    benchmark::DoNotOptimize(labels.data());
    benchmark::ClobberMemory();
  }
  state.SetLabel(table->assign_kernel(s.d, s.k));
  set_lloyd_counters(state, s, static_cast<std::uint64_t>(state.iterations()));
}

// Fits points (shape s) with params once per benchmark iteration; sets the Lloyd counters and
// lloyd_iters, converged per fit.
void time_fits(benchmark::State& state, const shape& s, const float* points,
               const tinykm::fit_params& params) {
  std::vector<unsigned char> workspace(tinykm::fit_workspace_size(params, s.n, s.d));
  std::vector<float> centroids(s.k * s.d);
  std::uint64_t lloyd_iterations = 0;
  std::uint64_t converged = 0;
  for (auto _ : state) {
    tinykm::model_view model{centroids.data(), centroids.size(), 0, 0};
    tinykm::fit_result result;
    const tinykm::status st = tinykm::fit(points, s.n, s.d, nullptr, params, model,
                                          workspace.data(), workspace.size(), &result);
    if (st != tinykm::status::ok) {
      fail(state, tinykm::to_string(st));
      break;
    }
    benchmark::DoNotOptimize(centroids.data());
    benchmark::ClobberMemory();
    lloyd_iterations += result.iterations;
    converged += result.converged ? 1 : 0;
  }
  if (state.error_occurred()) return;
  set_lloyd_counters(state, s, lloyd_iterations);
  state.counters["lloyd_iters"] = benchmark::Counter(static_cast<double>(lloyd_iterations),
                                                     benchmark::Counter::kAvgIterations);
  state.counters["converged"] =
      benchmark::Counter(static_cast<double>(converged), benchmark::Counter::kAvgIterations);
}

void bm_fit(benchmark::State& state, std::size_t index) {
  const shape& s = reference_shapes[index];
  tinykm::fit_params params;
  params.k = s.k;
  params.init = tinykm::init_method::kmeans_plus_plus;
  params.n_init = 1;
  params.max_iter = fit_max_iter;
  time_fits(state, s, planted_blobs(index), params);
}

// A fit to tol from a common start (stride_centroids) with the given Lloyd algorithm.
void bm_fit_algorithm(benchmark::State& state, std::size_t index,
                      tinykm::lloyd_algorithm algorithm) {
  const shape& s = reference_shapes[index];
  const float* points = planted_blobs(index);
  const std::vector<float> start = stride_centroids(points, s);
  tinykm::fit_params params;
  params.k = s.k;
  params.init = tinykm::init_method::user;
  params.initial_centroids = start.data();
  params.algorithm = algorithm;
  time_fits(state, s, points, params);
}

}  // namespace

void register_lloyd_benchmarks(double peak_gflops) {
  peak = peak_gflops;
  // No MinTime/Iterations here, so --benchmark_min_time applies (CI's smoke test lowers it). At
  // the default 0.5 s a step that already takes longer (embed-128d: seconds on the scalar
  // backend) runs exactly once per repetition; the whole default run takes about a minute with
  // the scalar kernels, dominated by fit/embed-128d.
  std::size_t count = 0;
  const tinykm::kernels::kernel_table* const* tables = tinykm::kernels::available_tables(&count);
  for (std::size_t t = 0; t < count; ++t)
    for (std::size_t i = 0; i < n_reference_shapes; ++i) {
      const std::string tail = std::string(tables[t]->name()) + "/" + reference_shapes[i].name;
      benchmark::RegisterBenchmark(("lloyd_iteration/" + tail).c_str(), bm_lloyd_iteration, i,
                                   tables[t])
          ->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("assign/" + tail).c_str(), bm_assign, i, tables[t])
          ->Unit(benchmark::kMillisecond);
    }
  for (std::size_t i = 0; i < n_reference_shapes; ++i) {
    const std::string name = std::string("fit/") + reference_shapes[i].name;
    benchmark::RegisterBenchmark(name.c_str(), bm_fit, i)->Unit(benchmark::kMillisecond);
  }
  for (const auto& [algorithm, label] :
       {std::pair{tinykm::lloyd_algorithm::lloyd, "lloyd"},
        std::pair{tinykm::lloyd_algorithm::bounded, "bounded"}})
    for (std::size_t i = 0; i < n_reference_shapes; ++i) {
      const std::string name =
          std::string("fit_algorithm/") + label + "/" + reference_shapes[i].name;
      benchmark::RegisterBenchmark(name.c_str(), bm_fit_algorithm, i, algorithm)
          ->Unit(benchmark::kMillisecond);
    }
}

}  // namespace tinykm_bench
