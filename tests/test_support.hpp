// Shared helpers for the tinykm test suite: a fixed-seed generator of our own, data generators,
// a brute-force double-precision reference, the adjusted Rand index, and small wrappers that own
// the buffers a tinykm call needs. Everything here is independent of the library's internals.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <utility>
#include <vector>

#include "accelerometer_signal.hpp"
#include "tinykm/tinykm.hpp"

namespace tkt {

// splitmix64 (examples/accelerometer_signal.hpp): tiny, fixed, and the same everywhere, so
// every fixture is reproducible.
using rng = tinykm_signal::splitmix64;

// n x d integer-valued floats in [lo, hi]: every distance and sum the library forms is exact.
inline std::vector<float> random_ints(std::size_t n, std::size_t d, int lo, int hi,
                                      std::uint64_t seed) {
  rng r(seed);
  std::vector<float> v(n * d);
  for (float& x : v) x = static_cast<float>(r.int_in(lo, hi));
  return v;
}

// n x d real floats uniform in [lo, hi).
inline std::vector<float> random_reals(std::size_t n, std::size_t d, double lo, double hi,
                                       std::uint64_t seed) {
  rng r(seed);
  std::vector<float> v(n * d);
  for (float& x : v) x = static_cast<float>(r.uniform(lo, hi));
  return v;
}

struct blobs {
  std::size_t n = 0, d = 0, k = 0;
  std::vector<float> points;         // n x d
  std::vector<std::int32_t> labels;  // planted cluster of each point
  std::vector<float> centres;        // k x d, planted centres
  bool separated = true;             // make_blobs found centres min_sep apart
};

// Gaussian blobs: sizes[c] points around centre c, centres drawn in [-box, box]^d until every
// pair is at least min_sep apart. Points are shuffled so clusters are interleaved in memory.
inline blobs make_blobs(const std::vector<std::size_t>& sizes, std::size_t d, double box,
                        double min_sep, double stddev, std::uint64_t seed) {
  rng r(seed);
  blobs b;
  b.k = sizes.size();
  b.d = d;
  b.centres.assign(b.k * d, 0.0f);
  for (std::size_t c = 0; c < b.k; ++c) {
    for (int attempt = 0;; ++attempt) {
      for (std::size_t j = 0; j < d; ++j)
        b.centres[c * d + j] = static_cast<float>(r.uniform(-box, box));
      bool ok = true;
      for (std::size_t o = 0; o < c && ok; ++o) {
        double s = 0.0;
        for (std::size_t j = 0; j < d; ++j) {
          const double t = static_cast<double>(b.centres[c * d + j]) -
                           static_cast<double>(b.centres[o * d + j]);
          s += t * t;
        }
        ok = std::sqrt(s) >= min_sep;
      }
      if (ok) break;
      if (attempt > 100000) {
        b.separated = false;
        break;
      }
    }
  }
  std::vector<std::pair<std::int32_t, std::vector<float>>> rows;
  for (std::size_t c = 0; c < b.k; ++c)
    for (std::size_t i = 0; i < sizes[c]; ++i) {
      std::vector<float> row(d);
      for (std::size_t j = 0; j < d; ++j)
        row[j] = static_cast<float>(static_cast<double>(b.centres[c * d + j]) +
                                    stddev * r.normal());
      rows.emplace_back(static_cast<std::int32_t>(c), std::move(row));
    }
  for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[r.below(i)]);
  b.n = rows.size();
  for (auto& row : rows) {
    b.labels.push_back(row.first);
    b.points.insert(b.points.end(), row.second.begin(), row.second.end());
  }
  return b;
}

// Integer-valued blobs: k integer centres in [-6, 6]^d (not necessarily distinct), each point
// the centre plus an integer offset in [-2, 2]. All values stay within [-8, 8].
inline blobs make_int_blobs(std::size_t n, std::size_t d, std::size_t k, std::uint64_t seed) {
  rng r(seed);
  blobs b;
  b.n = n;
  b.d = d;
  b.k = k;
  b.centres.resize(k * d);
  for (float& c : b.centres) c = static_cast<float>(r.int_in(-6, 6));
  b.points.resize(n * d);
  b.labels.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = r.below(k);
    b.labels[i] = static_cast<std::int32_t>(c);
    for (std::size_t j = 0; j < d; ++j)
      b.points[i * d + j] = b.centres[c * d + j] + static_cast<float>(r.int_in(-2, 2));
  }
  return b;
}

inline double ref_sqdist(const float* a, const float* b, std::size_t d) {
  double s = 0.0;
  for (std::size_t j = 0; j < d; ++j) {
    const double t = static_cast<double>(a[j]) - static_cast<double>(b[j]);
    s += t * t;
  }
  return s;
}

// Brute-force nearest centre in double. Ties go to the lowest index.
struct ref_assignment {
  std::vector<std::int32_t> labels;
  std::vector<double> best;    // squared distance to the nearest centre
  std::vector<double> second;  // to the second nearest (+inf when k == 1)
};

inline ref_assignment ref_assign(const float* points, std::size_t n, std::size_t d,
                                 const float* centres, std::size_t k) {
  ref_assignment a;
  a.labels.resize(n);
  a.best.resize(n);
  a.second.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    double best = std::numeric_limits<double>::infinity();
    double second = best;
    std::size_t bj = 0;
    for (std::size_t j = 0; j < k; ++j) {
      const double dist = ref_sqdist(points + i * d, centres + j * d, d);
      if (dist < best) {
        second = best;
        best = dist;
        bj = j;
      } else if (dist < second) {
        second = dist;
      }
    }
    a.labels[i] = static_cast<std::int32_t>(bj);
    a.best[i] = best;
    a.second[i] = second;
  }
  return a;
}

inline double ref_inertia(const float* points, std::size_t n, std::size_t d,
                          const float* centres, std::size_t k, const float* weights) {
  const ref_assignment a = ref_assign(points, n, d, centres, k);
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    s += (weights ? static_cast<double>(weights[i]) : 1.0) * a.best[i];
  return s;
}

// Plain Lloyd in double from the given start: assign (double distances, ties lowest), weighted
// means summed in double in point order, an empty cluster keeps its centre. Stops when no
// centre moves or after max_iter iterations. Returns the centres; *iterations receives the count.
inline std::vector<float> ref_lloyd(const float* points, std::size_t n, std::size_t d,
                                    const float* weights, const float* start, std::size_t k,
                                    std::size_t max_iter, std::size_t* iterations = nullptr) {
  std::vector<float> c(start, start + k * d);
  std::size_t it = 0;
  while (it < max_iter) {
    ++it;
    const ref_assignment a = ref_assign(points, n, d, c.data(), k);
    std::vector<double> sums(k * d, 0.0), w(k, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const double wi = weights ? static_cast<double>(weights[i]) : 1.0;
      const std::size_t l = static_cast<std::size_t>(a.labels[i]);
      for (std::size_t j = 0; j < d; ++j)
        sums[l * d + j] += wi * static_cast<double>(points[i * d + j]);
      w[l] += wi;
    }
    bool moved = false;
    for (std::size_t l = 0; l < k; ++l) {
      if (w[l] <= 0.0) continue;
      for (std::size_t j = 0; j < d; ++j) {
        const float nc = static_cast<float>(sums[l * d + j] / w[l]);
        if (nc != c[l * d + j]) moved = true;
        c[l * d + j] = nc;
      }
    }
    if (!moved) break;
  }
  if (iterations) *iterations = it;
  return c;
}

// Adjusted Rand index of two labelings (Hubert & Arabie). 1.0 means the same partition.
inline double adjusted_rand_index(const std::vector<std::int32_t>& a,
                                  const std::vector<std::int32_t>& b) {
  const std::size_t n = a.size();
  if (n != b.size() || n < 2) return n == b.size() ? 1.0 : 0.0;
  std::map<std::pair<std::int32_t, std::int32_t>, double> table;
  std::map<std::int32_t, double> ra, rb;
  for (std::size_t i = 0; i < n; ++i) {
    table[{a[i], b[i]}] += 1.0;
    ra[a[i]] += 1.0;
    rb[b[i]] += 1.0;
  }
  auto c2 = [](double x) { return x * (x - 1.0) / 2.0; };
  double sum_ij = 0.0, sum_a = 0.0, sum_b = 0.0;
  for (const auto& e : table) sum_ij += c2(e.second);
  for (const auto& e : ra) sum_a += c2(e.second);
  for (const auto& e : rb) sum_b += c2(e.second);
  const double expected = sum_a * sum_b / c2(static_cast<double>(n));
  const double max_index = 0.5 * (sum_a + sum_b);
  if (max_index == expected) return 1.0;  // both partitions trivial and equal in shape
  return (sum_ij - expected) / (max_index - expected);
}

// A model_view over an owned, exactly sized buffer (so ASan sees any write past capacity).
struct owned_model {
  std::vector<float> storage;
  tinykm::model_view view;
  explicit owned_model(std::size_t capacity, float fill = 0.0f) : storage(capacity, fill) {
    view.centroids = storage.data();
    view.capacity = capacity;
  }
  // A model whose centres are set by hand.
  owned_model(const std::vector<float>& centres, std::size_t k, std::size_t d)
      : storage(centres) {
    view.centroids = storage.data();
    view.capacity = storage.size();
    view.k = k;
    view.d = d;
  }
  owned_model(const owned_model&) = delete;
  owned_model& operator=(const owned_model&) = delete;
};

// Everything one fit produced.
struct fit_out {
  tinykm::status st = tinykm::status::ok;
  std::vector<float> centroids;  // k x d
  std::size_t k = 0, d = 0;
  tinykm::fit_result result;
  tinykm::model_view view() {
    return tinykm::model_view{centroids.data(), centroids.size(), k, d};
  }
};

// Runs fit() with an exactly sized workspace placed `ws_offset` bytes into its buffer (to check
// that the library copes with an unaligned workspace).
inline fit_out run_fit(const float* points, std::size_t n, std::size_t d, const float* weights,
                       const tinykm::fit_params& params, std::size_t ws_offset = 0) {
  fit_out out;
  const std::size_t ws_bytes = tinykm::fit_workspace_size(params, n, d);
  std::vector<unsigned char> ws(ws_bytes + ws_offset);
  owned_model m(params.k * d, 0.0f);
  out.st = tinykm::fit(points, n, d, weights, params, m.view, ws.data() + ws_offset, ws_bytes,
                       &out.result);
  out.centroids.assign(m.storage.begin(), m.storage.end());
  out.k = m.view.k;
  out.d = m.view.d;
  return out;
}

inline bool same_bits(const void* a, const void* b, std::size_t bytes);

// Whether two fits gave the same centres and inertia bit for bit and the same counts.
inline bool same_fit(const fit_out& a, const fit_out& b) {
  return a.st == b.st && a.centroids.size() == b.centroids.size() &&
         same_bits(a.centroids.data(), b.centroids.data(), a.centroids.size() * sizeof(float)) &&
         same_bits(&a.result.inertia, &b.result.inertia, sizeof(double)) &&
         a.result.iterations == b.result.iterations && a.result.converged == b.result.converged &&
         a.result.empty_clusters == b.result.empty_clusters &&
         a.result.best_init == b.result.best_init;
}

inline std::vector<std::int32_t> predict_labels(const tinykm::model_view& m, const float* points,
                                                std::size_t n, std::size_t d) {
  std::vector<std::int32_t> labels(n, -1);
  const tinykm::status s = tinykm::predict(m, points, n, d, labels.data());
  if (s != tinykm::status::ok) labels.assign(n, -2);
  return labels;
}

inline bool all_finite(const std::vector<float>& v) {
  return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

inline bool same_bits(const void* a, const void* b, std::size_t bytes) {
  return std::memcmp(a, b, bytes) == 0;
}

inline const char* init_name(tinykm::init_method m) {
  switch (m) {
    case tinykm::init_method::kmeans_plus_plus: return "kmeans++";
    case tinykm::init_method::random: return "random";
    case tinykm::init_method::farthest_point: return "farthest_point";
    case tinykm::init_method::user: return "user";
    case tinykm::init_method::kmeans_parallel: return "kmeans||";
    case tinykm::init_method::automatic: return "auto";
  }
  return "?";
}

inline const char* policy_name(tinykm::empty_cluster_policy p) {
  switch (p) {
    case tinykm::empty_cluster_policy::keep: return "keep";
    case tinykm::empty_cluster_policy::relocate_farthest: return "relocate_farthest";
    case tinykm::empty_cluster_policy::split_largest: return "split_largest";
  }
  return "?";
}

}  // namespace tkt
