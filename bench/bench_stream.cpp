// Speed of streaming updates (stream.hpp) on three stream shapes, each on planted blobs:
//
//   stream_update/<shape>/batch:B    ns per sample: B = 1 is stream_update per sample, B > 1
//                                    stream_update_batch with B samples per call (B <= 1024)
//   stream_plain_loop/<shape>        the reference the streams issue quotes: a bare online k-means
//                                    loop (nearest centre, running mean; no checks, decay, score
//                                    or counters), compiled like the rest of the bench
//   stream_latency/<shape>           10^6 single-sample updates, each timed with steady_clock:
//                                    p50 / p99 / p99.9 / max in ns (timer overhead included;
//                                    timer_ns is that overhead, the median of empty intervals)
//
// The stream is warmed up (and its reservoir fit done) before timing; samples cycle through a
// pre-generated set of 2^16, so the data stays in cache as a sensor's frames would.
#include "bench_stream.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "bench_failure.hpp"
#include "tinykm/tinykm.hpp"

namespace tinykm_bench {

namespace {

struct stream_shape {
  const char* name;
  std::size_t d;
  std::size_t k;
};

// d3-k16 is colour quantisation's shape (bench/shapes.cpp: colour-quant).
constexpr stream_shape stream_shapes[] = {
    {"d3-k8", 3, 8}, {"d3-k16", 3, 16}, {"d16-k64", 16, 64}, {"d128-k256", 128, 256}};
constexpr std::size_t sample_count = 1 << 16;

std::vector<float> blob_samples(const stream_shape& s) {
  std::mt19937 gen(static_cast<unsigned>(s.d * 1000 + s.k));
  std::uniform_real_distribution<float> box(-4.0f, 4.0f);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  std::vector<float> centres(s.k * s.d);
  for (float& c : centres) c = box(gen);
  std::vector<float> x(sample_count * s.d);
  for (std::size_t i = 0; i < sample_count; ++i) {
    const std::size_t c = gen() % s.k;
    for (std::size_t j = 0; j < s.d; ++j) x[i * s.d + j] = centres[c * s.d + j] + noise(gen);
  }
  return x;
}

// A ready stream over `memory` (decay rule, the usual sensor setting).
tinykm::stream_state ready_stream(const stream_shape& s, const std::vector<float>& x,
                                  std::vector<std::uint64_t>& memory) {
  tinykm::stream_params p;
  p.k = s.k;
  p.rule = tinykm::update_rule::decay;
  p.half_life = 10000.0f;
  p.warmup_n_init = 1;
  const std::size_t bytes = tinykm::stream_memory_size(p.k, s.d);
  memory.assign(bytes / 8 + 1, 0);
  const tinykm::stream_state st{memory.data(), bytes};
  if (tinykm::stream_init(p, s.d, st) != tinykm::status::ok) return {};
  const std::size_t warm = 16 * s.k;
  if (tinykm::stream_update_batch(st, x.data(), warm) != tinykm::status::ok) return {};
  return st;
}

void bm_stream_update(benchmark::State& state, std::size_t shape_index, std::size_t batch) {
  const stream_shape& s = stream_shapes[shape_index];
  const std::vector<float> x = blob_samples(s);
  std::vector<std::uint64_t> memory;
  const tinykm::stream_state st = ready_stream(s, x, memory);
  if (st.memory == nullptr) return fail(state, "stream set-up failed");
  std::size_t at = 0;
  tinykm::status error = tinykm::status::ok;  // the last failure, if any
  for (auto _ : state) {
    tinykm::status r;
    if (batch == 1) {
      tinykm::stream_sample out;
      r = tinykm::stream_update(st, &x[at * s.d], &out);
      benchmark::DoNotOptimize(out);
    } else {
      r = tinykm::stream_update_batch(st, &x[at * s.d], batch);
    }
    if (r != tinykm::status::ok) error = r;
    at = (at + batch) % sample_count;
  }
  if (error != tinykm::status::ok) fail(state, tinykm::to_string(error));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(batch));
  state.counters["ns_per_sample"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(batch) * 1e-9,
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void bm_stream_plain_loop(benchmark::State& state, std::size_t shape_index) {
  const stream_shape& s = stream_shapes[shape_index];
  const std::vector<float> x = blob_samples(s);
  std::vector<float> centres(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(s.k * s.d));
  std::vector<float> counts(s.k, 1.0f);
  std::size_t at = 0;
  for (auto _ : state) {
    const float* p = &x[at * s.d];
    std::size_t best = 0;
    float best_square = std::numeric_limits<float>::infinity();
    for (std::size_t c = 0; c < s.k; ++c) {
      float square = 0.0f;
      for (std::size_t j = 0; j < s.d; ++j) {
        const float t = p[j] - centres[c * s.d + j];
        square += t * t;
      }
      if (square < best_square) {
        best_square = square;
        best = c;
      }
    }
    counts[best] += 1.0f;
    const float rate = 1.0f / counts[best];
    for (std::size_t j = 0; j < s.d; ++j)
      centres[best * s.d + j] += rate * (p[j] - centres[best * s.d + j]);
    benchmark::DoNotOptimize(best);
    at = (at + 1) % sample_count;
  }
  benchmark::DoNotOptimize(centres.data());
  state.counters["ns_per_sample"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * 1e-9,
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

double percentile(const std::vector<double>& sorted, double q) {
  return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
}

void bm_stream_latency(benchmark::State& state, std::size_t shape_index) {
  using clock = std::chrono::steady_clock;
  const stream_shape& s = stream_shapes[shape_index];
  const std::vector<float> x = blob_samples(s);
  std::vector<std::uint64_t> memory;
  const tinykm::stream_state st = ready_stream(s, x, memory);
  if (st.memory == nullptr) return fail(state, "stream set-up failed");
  const std::size_t updates = 1000000;
  std::vector<double> ns(updates), empty(10000);
  tinykm::status error = tinykm::status::ok;
  for (auto _ : state) {
    for (std::size_t i = 0; i < updates; ++i) {
      const auto t0 = clock::now();
      const tinykm::status r = tinykm::stream_update(st, &x[(i % sample_count) * s.d]);
      const auto t1 = clock::now();
      if (r != tinykm::status::ok) error = r;
      ns[i] = std::chrono::duration<double, std::nano>(t1 - t0).count();
    }
    for (double& e : empty) {
      const auto t0 = clock::now();
      const auto t1 = clock::now();
      e = std::chrono::duration<double, std::nano>(t1 - t0).count();
    }
  }
  if (error != tinykm::status::ok) return fail(state, tinykm::to_string(error));
  std::sort(ns.begin(), ns.end());
  std::sort(empty.begin(), empty.end());
  state.counters["p50_ns"] = percentile(ns, 0.5);
  state.counters["p99_ns"] = percentile(ns, 0.99);
  state.counters["p999_ns"] = percentile(ns, 0.999);
  state.counters["max_ns"] = ns.back();
  state.counters["timer_ns"] = percentile(empty, 0.5);
}

}  // namespace

void register_stream_benchmarks() {
  for (std::size_t i = 0; i < sizeof stream_shapes / sizeof stream_shapes[0]; ++i) {
    for (std::size_t batch : {1u, 16u, 64u, 256u, 1024u}) {
      const std::string name = std::string("stream_update/") + stream_shapes[i].name +
                               "/batch:" + std::to_string(batch);
      benchmark::RegisterBenchmark(name.c_str(), bm_stream_update, i, batch);
    }
    const std::string plain = std::string("stream_plain_loop/") + stream_shapes[i].name;
    benchmark::RegisterBenchmark(plain.c_str(), bm_stream_plain_loop, i);
    const std::string name = std::string("stream_latency/") + stream_shapes[i].name;
    benchmark::RegisterBenchmark(name.c_str(), bm_stream_latency, i)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace tinykm_bench
