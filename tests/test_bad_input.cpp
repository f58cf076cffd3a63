// Bad input, table-driven: every public call returns the documented status, and leaves the
// model, its outputs, the fit_result and the workspace exactly as they were (checked against
// poisoned copies taken before the call).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "tinykm/tinykm.hpp"

using tinykm::empty_cluster_policy;
using tinykm::init_method;
using tinykm::status;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kPoison = 12345.0f;

// ---------------------------------------------------------------------------------- fit ----

enum class ws_mode { exact, one_short, zero, null };

// One fit call, built from a valid baseline and then broken in one way by a case.
struct fit_setup {
  std::size_t n = 20, d = 3;
  std::vector<float> points = tkt::random_reals(20, 3, -1.0, 1.0, 5);
  bool null_points = false;
  std::vector<float> weights;  // empty: pass null
  tinykm::fit_params params;
  std::vector<float> user_centres;  // used when params.init == user
  bool null_user = false;
  std::size_t capacity = 0;  // 0: exactly k x d
  bool null_centroids = false;
  ws_mode ws = ws_mode::exact;
  // Workspace size computed for these params instead (for cases whose own params are invalid).
  bool ws_from_baseline = false;
  int static_model = 0;  // 0: model_view; 1: static_model<4, 3>

  fit_setup() { params.k = 4; }
  void resize(std::size_t new_n, std::size_t new_d) {
    n = new_n;
    d = new_d;
    points = tkt::random_reals(n, d, -1.0, 1.0, 6);
  }
  void user(bool with_centres = true) {
    params.init = init_method::user;
    if (with_centres) user_centres.assign(params.k * d, 0.25f);
  }
};

struct fit_case {
  const char* name;
  status expected;
  std::function<void(fit_setup&)> breaks;
};

tinykm::fit_result poisoned_result() {
  tinykm::fit_result r;
  r.inertia = -7.5;
  r.iterations = 123;
  r.converged = true;
  r.best_init = 9;
  r.empty_clusters = 42;
  return r;
}

bool same_result(const tinykm::fit_result& a, const tinykm::fit_result& b) {
  return std::memcmp(&a.inertia, &b.inertia, sizeof(double)) == 0 &&
         a.iterations == b.iterations && a.converged == b.converged &&
         a.best_init == b.best_init && a.empty_clusters == b.empty_clusters;
}

// Runs the call; returns its status and checks nothing was touched.
status run_bad_fit(fit_setup& s) {
  if (!s.user_centres.empty()) s.params.initial_centroids = s.user_centres.data();
  if (s.null_user) s.params.initial_centroids = nullptr;

  std::size_t need = tinykm::fit_workspace_size(s.params, s.n, s.d);
  if (s.ws_from_baseline || need > (std::size_t{64} << 20)) {
    fit_setup base;
    need = tinykm::fit_workspace_size(base.params, base.n, base.d);
  }
  std::size_t ws_bytes = need;
  if (s.ws == ws_mode::one_short) ws_bytes = need - 1;
  if (s.ws == ws_mode::zero) ws_bytes = 0;
  std::vector<unsigned char> ws(need + 1, 0xA5);
  const std::vector<unsigned char> ws_before = ws;
  void* ws_ptr = s.ws == ws_mode::null ? nullptr : ws.data() + 1;  // unaligned on purpose

  const float* pts = s.null_points ? nullptr : s.points.data();
  const float* w = s.weights.empty() ? nullptr : s.weights.data();
  tinykm::fit_result result = poisoned_result();
  const tinykm::fit_result result_before = result;
  status st;

  if (s.static_model == 0) {
    const std::size_t cap = s.capacity ? s.capacity : s.params.k * s.d;
    std::vector<float> storage(cap == 0 ? 1 : cap, kPoison);
    tinykm::model_view m{s.null_centroids ? nullptr : storage.data(), cap, 2, 7};
    st = tinykm::fit(pts, s.n, s.d, w, s.params, m, ws_ptr, ws_bytes, &result);
    if (st != status::ok) {
      CHECK(m.k == 2);
      CHECK(m.d == 7);
      CHECK(m.capacity == cap);
      CHECK(m.centroids == (s.null_centroids ? nullptr : storage.data()));
      bool untouched = true;
      for (float v : storage) untouched = untouched && v == kPoison;
      CHECK(untouched);
    }
  } else {
    tinykm::static_model<4, 3> m;
    for (float& v : m.centroids) v = kPoison;
    m.k = 2;
    m.d = 3;
    st = tinykm::fit(pts, s.n, s.d, w, s.params, m, ws_ptr, ws_bytes, &result);
    if (st != status::ok) {
      CHECK(m.k == 2);
      CHECK(m.d == 3);
      bool untouched = true;
      for (float v : m.centroids) untouched = untouched && v == kPoison;
      CHECK(untouched);
    }
  }
  if (st != status::ok) {
    CHECK(same_result(result, result_before));
    CHECK(ws == ws_before);
  }
  return st;
}

std::vector<fit_case> fit_cases() {
  std::vector<fit_case> c;
  // pointers, sizes, parameters
  c.push_back({"null points", status::invalid_argument, [](fit_setup& s) { s.null_points = true; }});
  c.push_back({"d == 0", status::invalid_argument, [](fit_setup& s) { s.d = 0; s.ws_from_baseline = true; }});
  c.push_back({"k == 0", status::invalid_argument, [](fit_setup& s) { s.params.k = 0; s.capacity = 12; s.ws_from_baseline = true; }});
  c.push_back({"n == 0", status::too_few_points, [](fit_setup& s) { s.n = 0; s.ws_from_baseline = true; }});
  c.push_back({"k > n", status::too_few_points, [](fit_setup& s) { s.params.k = 21; }});
  c.push_back({"k == n + 1 with n == 1", status::too_few_points, [](fit_setup& s) { s.n = 1; s.params.k = 2; }});
  c.push_back({"k > max_k", status::capacity_exceeded, [](fit_setup& s) {
                 s.resize(tinykm::max_k + 1, 1);
                 s.params.k = tinykm::max_k + 1;
               }});
  c.push_back({"d > max_d", status::capacity_exceeded, [](fit_setup& s) {
                 s.resize(5, tinykm::max_d + 1);
                 s.params.k = 2;
               }});
  c.push_back({"k x d > model capacity by one float", status::capacity_exceeded,
               [](fit_setup& s) { s.capacity = s.params.k * s.d - 1; }});
  c.push_back({"null model centroids", status::invalid_argument, [](fit_setup& s) { s.null_centroids = true; }});
  c.push_back({"n_init == 0", status::invalid_argument, [](fit_setup& s) { s.params.n_init = 0; }});
  c.push_back({"max_iter == 0", status::invalid_argument, [](fit_setup& s) { s.params.max_iter = 0; }});
  c.push_back({"tol < 0", status::invalid_argument, [](fit_setup& s) { s.params.tol = -1e-12; }});
  c.push_back({"tol NaN", status::invalid_argument,
               [](fit_setup& s) { s.params.tol = std::numeric_limits<double>::quiet_NaN(); }});
  c.push_back({"tol -inf", status::invalid_argument,
               [](fit_setup& s) { s.params.tol = -std::numeric_limits<double>::infinity(); }});
  c.push_back({"init enum 7", status::invalid_argument,
               [](fit_setup& s) { s.params.init = static_cast<init_method>(7); s.ws_from_baseline = true; }});
  c.push_back({"init enum -1", status::invalid_argument,
               [](fit_setup& s) { s.params.init = static_cast<init_method>(-1); s.ws_from_baseline = true; }});
  c.push_back({"empty_cluster enum 7", status::invalid_argument,
               [](fit_setup& s) { s.params.empty_cluster = static_cast<empty_cluster_policy>(7); }});
  c.push_back({"empty_cluster enum -3", status::invalid_argument,
               [](fit_setup& s) { s.params.empty_cluster = static_cast<empty_cluster_policy>(-3); }});
  c.push_back({"user init without centroids", status::invalid_argument,
               [](fit_setup& s) { s.user(false); s.null_user = true; }});
  // workspace
  c.push_back({"null workspace", status::invalid_argument, [](fit_setup& s) { s.ws = ws_mode::null; }});
  c.push_back({"workspace one byte short (k-means++)", status::workspace_too_small,
               [](fit_setup& s) { s.ws = ws_mode::one_short; }});
  c.push_back({"workspace one byte short (random)", status::workspace_too_small, [](fit_setup& s) {
                 s.params.init = init_method::random;
                 s.ws = ws_mode::one_short;
               }});
  c.push_back({"workspace one byte short (farthest point)", status::workspace_too_small,
               [](fit_setup& s) {
                 s.params.init = init_method::farthest_point;
                 s.ws = ws_mode::one_short;
               }});
  c.push_back({"workspace one byte short (user)", status::workspace_too_small, [](fit_setup& s) {
                 s.user();
                 s.ws = ws_mode::one_short;
               }});
  c.push_back({"workspace one byte short (n above a block)", status::workspace_too_small,
               [](fit_setup& s) {
                 s.resize(tinykm::block_points * 2 + 3, 2);
                 s.ws = ws_mode::one_short;
               }});
  c.push_back({"workspace of zero bytes", status::workspace_too_small, [](fit_setup& s) { s.ws = ws_mode::zero; }});
  // data scan
  c.push_back({"NaN in the last point", status::non_finite_input,
               [](fit_setup& s) { s.points.back() = kNaN; }});
  c.push_back({"+Inf in the first point", status::non_finite_input,
               [](fit_setup& s) { s.points.front() = kInf; }});
  c.push_back({"-Inf in a middle point", status::non_finite_input,
               [](fit_setup& s) { s.points[31] = -kInf; }});
  c.push_back({"NaN in points with user init", status::non_finite_input, [](fit_setup& s) {
                 s.user();
                 s.points[7] = kNaN;
               }});
  c.push_back({"NaN in points with random init", status::non_finite_input, [](fit_setup& s) {
                 s.params.init = init_method::random;
                 s.points[40] = kNaN;
               }});
  c.push_back({"NaN weight", status::non_finite_input, [](fit_setup& s) {
                 s.weights.assign(s.n, 1.0f);
                 s.weights[19] = kNaN;
               }});
  c.push_back({"+Inf weight", status::non_finite_input, [](fit_setup& s) {
                 s.weights.assign(s.n, 1.0f);
                 s.weights[0] = kInf;
               }});
  c.push_back({"zero weight", status::invalid_argument, [](fit_setup& s) {
                 s.weights.assign(s.n, 1.0f);
                 s.weights[5] = 0.0f;
               }});
  c.push_back({"-0.0 weight", status::invalid_argument, [](fit_setup& s) {
                 s.weights.assign(s.n, 1.0f);
                 s.weights[5] = -0.0f;
               }});
  c.push_back({"negative weight", status::invalid_argument, [](fit_setup& s) {
                 s.weights.assign(s.n, 2.0f);
                 s.weights[19] = -2.0f;
               }});
  c.push_back({"NaN in user centroids", status::non_finite_input, [](fit_setup& s) {
                 s.user();
                 s.user_centres.back() = kNaN;
               }});
  c.push_back({"+Inf in user centroids", status::non_finite_input, [](fit_setup& s) {
                 s.user();
                 s.user_centres[0] = kInf;
               }});
  c.push_back({"-Inf in user centroids", status::non_finite_input, [](fit_setup& s) {
                 s.user();
                 s.user_centres[5] = -kInf;
               }});
  // finite values too large for float32 squared distances (limit sqrt(FLT_MAX / (4 d)))
  c.push_back({"point of magnitude 1e19 (d = 3)", status::out_of_range,
               [](fit_setup& s) { s.points[10] = 1e19f; }});
  c.push_back({"point of magnitude -FLT_MAX", status::out_of_range,
               [](fit_setup& s) { s.points[59] = -std::numeric_limits<float>::max(); }});
  c.push_back({"user centroid of magnitude 1e19", status::out_of_range, [](fit_setup& s) {
                 s.user();
                 s.user_centres[3] = -1e19f;
               }});
  c.push_back({"order: NaN before out of range", status::non_finite_input, [](fit_setup& s) {
                 s.points[10] = 1e19f;
                 s.points[11] = kNaN;
               }});
  // static_model bounds
  c.push_back({"static_model: k above KMax", status::capacity_exceeded, [](fit_setup& s) {
                 s.static_model = 1;
                 s.params.k = 5;
               }});
  c.push_back({"static_model: d above DMax", status::capacity_exceeded, [](fit_setup& s) {
                 s.static_model = 1;
                 s.resize(20, 4);
                 s.params.k = 2;
               }});
  // the documented order of the checks
  c.push_back({"order: too few points before a NaN point", status::too_few_points, [](fit_setup& s) {
                 s.params.k = 21;
                 s.points[0] = kNaN;
               }});
  c.push_back({"order: capacity before workspace", status::capacity_exceeded, [](fit_setup& s) {
                 s.capacity = s.params.k * s.d - 1;
                 s.ws = ws_mode::zero;
               }});
  c.push_back({"order: workspace before the data scan", status::workspace_too_small,
               [](fit_setup& s) {
                 s.points[0] = kNaN;
                 s.ws = ws_mode::one_short;
               }});
  c.push_back({"order: parameters before workspace", status::invalid_argument, [](fit_setup& s) {
                 s.params.max_iter = 0;
                 s.ws = ws_mode::null;
               }});
  return c;
}

// ---------------------------------------------------------- predict / transform / inertia --

enum class api { predict, transform, inertia, score };

struct query_setup {
  api which = api::predict;
  std::vector<float> centres = {0, 0, 0, 1, 1, 1, -1, 2, 0, 5, 5, 5};
  std::size_t k = 4, d = 3;  // the model's shape
  std::size_t n = 6, pd = 3;  // the points' shape
  std::vector<float> points = tkt::random_reals(6, 3, -2.0, 2.0, 9);
  bool null_points = false;
  bool null_out = false;
  std::vector<float> weights;  // empty: null
  std::ptrdiff_t len_delta = 0;  // transform: distances_len = n x k + len_delta
};

struct query_case {
  const char* name;
  api which;
  status expected;
  std::function<void(query_setup&)> breaks;
};

status run_bad_query(query_setup& s) {
  std::vector<float> centres = s.centres;
  tinykm::model_view m{centres.data(), centres.size(), s.k, s.d};
  const float* pts = s.null_points ? nullptr : s.points.data();
  const float* w = s.weights.empty() ? nullptr : s.weights.data();
  std::vector<std::int32_t> labels(s.n + 1, -7);
  std::vector<float> dist(s.n * 4 + 1, 777.0f);
  double out = 4242.0;
  status st = status::ok;
  switch (s.which) {
    case api::predict:
      st = tinykm::predict(m, pts, s.n, s.pd, s.null_out ? nullptr : labels.data());
      break;
    case api::transform: {
      const std::size_t len = static_cast<std::size_t>(
          static_cast<std::ptrdiff_t>(s.n * s.k) + s.len_delta);
      st = tinykm::transform(m, pts, s.n, s.pd, s.null_out ? nullptr : dist.data(), len);
      break;
    }
    case api::inertia:
      st = tinykm::inertia(m, pts, s.n, s.pd, w, s.null_out ? nullptr : &out);
      break;
    case api::score:
      st = tinykm::score(m, pts, s.n, s.pd, w, s.null_out ? nullptr : &out);
      break;
  }
  // The model is never written (compared bitwise: it may hold a NaN); on error (or for n == 0)
  // neither are the outputs.
  REQUIRE(centres.size() == s.centres.size());
  CHECK(std::memcmp(centres.data(), s.centres.data(), centres.size() * sizeof(float)) == 0);
  CHECK(m.k == s.k);
  CHECK(m.d == s.d);
  if (st != status::ok || s.n == 0) {
    bool untouched = true;
    for (std::int32_t l : labels) untouched = untouched && l == -7;
    for (float v : dist) untouched = untouched && v == 777.0f;
    if (s.which == api::predict || s.which == api::transform || st != status::ok)
      untouched = untouched && out == 4242.0;
    CHECK(untouched);
  }
  return st;
}

std::vector<query_case> query_cases() {
  std::vector<query_case> c;
  const api all[] = {api::predict, api::transform, api::inertia, api::score};
  for (int a = 0; a < 4; ++a) {
    const api w = all[a];
    c.push_back({"model not fitted (k == 0)", w, status::not_ready, [](query_setup& s) { s.k = 0; }});
    c.push_back({"points have one feature more", w, status::dimension_mismatch, [](query_setup& s) {
                   s.pd = 4;
                   s.points = tkt::random_reals(s.n, 4, -1.0, 1.0, 10);
                 }});
    c.push_back({"points have one feature less", w, status::dimension_mismatch, [](query_setup& s) {
                   s.pd = 2;
                   s.points = tkt::random_reals(s.n, 2, -1.0, 1.0, 10);
                 }});
    c.push_back({"null points with n > 0", w, status::invalid_argument, [](query_setup& s) { s.null_points = true; }});
    // score with a null output has a test case of its own (below), so a crash there cannot
    // hide the rest of this table.
    if (w != api::score)
      c.push_back({"null output", w, status::invalid_argument, [](query_setup& s) { s.null_out = true; }});
    c.push_back({"NaN in the last point", w, status::non_finite_input, [](query_setup& s) { s.points.back() = kNaN; }});
    c.push_back({"+Inf in the first point", w, status::non_finite_input, [](query_setup& s) { s.points[0] = kInf; }});
    c.push_back({"-Inf in a point", w, status::non_finite_input, [](query_setup& s) { s.points[8] = -kInf; }});
    c.push_back({"NaN in a centre of the model", w, status::non_finite_input, [](query_setup& s) { s.centres[7] = kNaN; }});
    c.push_back({"centre of magnitude 1e30", w, status::out_of_range, [](query_setup& s) { s.centres[11] = 1e30f; }});
  }
  c.push_back({"n == 0", api::predict, status::ok, [](query_setup& s) { s.n = 0; }});
  c.push_back({"n == 0 with null pointers", api::predict, status::ok, [](query_setup& s) {
                 s.n = 0;
                 s.null_points = true;
                 s.null_out = true;
               }});
  c.push_back({"n == 0", api::transform, status::ok, [](query_setup& s) { s.n = 0; }});
  c.push_back({"distances_len one short", api::transform, status::output_too_small,
               [](query_setup& s) { s.len_delta = -1; }});
  c.push_back({"distances_len == 0", api::transform, status::output_too_small,
               [](query_setup& s) { s.len_delta = -static_cast<std::ptrdiff_t>(s.n * s.k); }});
  for (api w : {api::inertia, api::score}) {
    c.push_back({"NaN weight", w, status::non_finite_input, [](query_setup& s) {
                   s.weights.assign(s.n, 1.0f);
                   s.weights[5] = kNaN;
                 }});
    c.push_back({"+Inf weight", w, status::non_finite_input, [](query_setup& s) {
                   s.weights.assign(s.n, 1.0f);
                   s.weights[0] = kInf;
                 }});
    c.push_back({"zero weight", w, status::invalid_argument, [](query_setup& s) {
                   s.weights.assign(s.n, 1.0f);
                   s.weights[2] = 0.0f;
                 }});
    c.push_back({"negative weight", w, status::invalid_argument, [](query_setup& s) {
                   s.weights.assign(s.n, 1.0f);
                   s.weights[3] = -0.5f;
                 }});
  }
  for (query_case& q : c) {
    const api w = q.which;
    auto inner = q.breaks;
    q.breaks = [w, inner](query_setup& s) {
      s.which = w;
      inner(s);
    };
  }
  return c;
}

const char* api_name(api a) {
  switch (a) {
    case api::predict: return "predict";
    case api::transform: return "transform";
    case api::inertia: return "inertia";
    case api::score: return "score";
  }
  return "?";
}

}  // namespace

TEST_CASE("fit rejects bad input and touches nothing", "[bad_input]") {
  const std::vector<fit_case> cases = fit_cases();
  // The valid baseline itself succeeds (so every case breaks exactly one thing).
  {
    fit_setup ok;
    tinykm::fit_result r;
    std::vector<float> storage(12);
    tinykm::model_view m{storage.data(), 12, 0, 0};
    const std::size_t need = tinykm::fit_workspace_size(ok.params, ok.n, ok.d);
    std::vector<unsigned char> ws(need);
    REQUIRE(tinykm::fit(ok.points.data(), ok.n, ok.d, nullptr, ok.params, m, ws.data(), need,
                        &r) == status::ok);
    CHECK(m.k == 4);
    CHECK(m.d == 3);
  }
  for (const fit_case& c : cases) {
    fit_setup s;
    c.breaks(s);
    INFO("case: " << c.name);
    const status st = run_bad_fit(s);
    CHECK(tinykm::to_string(st) == std::string(tinykm::to_string(c.expected)));
  }
  CHECK(cases.size() >= 40);
}

TEST_CASE("fit accepts a workspace of exactly the documented size", "[bad_input]") {
  for (init_method init : {init_method::kmeans_plus_plus, init_method::random,
                           init_method::farthest_point, init_method::user,
                           init_method::kmeans_parallel}) {
    for (std::size_t n : {std::size_t{4}, tinykm::block_points + 1}) {
      fit_setup s;
      s.resize(n, 3);
      s.params.init = init;
      if (init == init_method::user) s.user();
      s.ws = ws_mode::exact;
      INFO(tkt::init_name(init) << " n=" << n);
      CHECK(run_bad_fit(s) == status::ok);
    }
  }
}

TEST_CASE("fit_workspace_size follows the formula in kmeans.hpp", "[bad_input]") {
  const std::size_t B = tinykm::block_points;
  for (std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{16}})
    for (std::size_t d : {std::size_t{1}, std::size_t{5}, std::size_t{17}})
      for (std::size_t n : {std::size_t{16}, std::size_t{1000}}) {
        const auto r = [](std::size_t bytes) { return (bytes + 63) / 64 * 64; };
        const std::size_t C = (n + 4095) / 4096;
        const std::size_t base =
            64 + r(8 * k * d) + r(8 * k) + r(4 * k * d) + r(4 * ((k + 15) / 16 * 16) * (d + 1)) +
            2 * r(4 * B) + r(8 * k * (d + 1)) + r(8 * C) + 2 * r(4 * k);
        tinykm::fit_params p;
        p.k = k;
        INFO("k=" << k << " d=" << d << " n=" << n);
        p.init = init_method::kmeans_plus_plus;
        const auto T = static_cast<std::size_t>(2.0 + std::floor(std::log(static_cast<double>(k))));
        CHECK(tinykm::fit_workspace_size(p, n, d) ==
              base + r(4 * n) + r(4 * T * d) + r(8 * T * C) + 2 * r(8 * T) +
                  2 * r(4 * T));
        p.init = init_method::farthest_point;
        CHECK(tinykm::fit_workspace_size(p, n, d) == base + r(4 * n));
        p.init = init_method::random;
        CHECK(tinykm::fit_workspace_size(p, n, d) == base + r(4 * k));
        p.init = init_method::user;
        CHECK(tinykm::fit_workspace_size(p, n, d) == base);
      }
}

TEST_CASE("fit_workspace_size reports overflow as SIZE_MAX", "[bad_input]") {
  const std::size_t max = std::numeric_limits<std::size_t>::max();
  tinykm::fit_params p;
  p.k = 4;
  CHECK(tinykm::fit_workspace_size(p, max / 4, 3) == max);
  p.init = init_method::user;
  p.k = max / 2;
  CHECK(tinykm::fit_workspace_size(p, 10, 3) == max);
  p.k = 3;
  CHECK(tinykm::fit_workspace_size(p, 10, max / 2) == max);
}

TEST_CASE("predict transform inertia and score reject bad input and touch nothing",
          "[bad_input]") {
  const std::vector<query_case> cases = query_cases();
  {
    for (api a : {api::predict, api::transform, api::inertia, api::score}) {
      query_setup ok;
      ok.which = a;
      INFO("baseline " << api_name(a));
      CHECK(run_bad_query(ok) == status::ok);
    }
  }
  for (const query_case& c : cases) {
    query_setup s;
    c.breaks(s);
    INFO(api_name(c.which) << ": " << c.name);
    const status st = run_bad_query(s);
    CHECK(tinykm::to_string(st) == std::string(tinykm::to_string(c.expected)));
  }
  CHECK(cases.size() >= 40);
}

TEST_CASE("score rejects a null output", "[bad_input]") {
  query_setup s;
  s.which = api::score;
  s.null_out = true;
  CHECK(run_bad_query(s) == status::invalid_argument);
}

TEST_CASE("fit accepts its bounds exactly", "[bad_input]") {
  SECTION("k == max_k") {
    fit_setup s;
    s.resize(tinykm::max_k, 1);
    s.params.k = tinykm::max_k;
    s.params.init = init_method::random;
    s.params.max_iter = 2;
    CHECK(run_bad_fit(s) == status::ok);
  }
  SECTION("d == max_d") {
    fit_setup s;
    s.resize(5, tinykm::max_d);
    s.params.k = 2;
    CHECK(run_bad_fit(s) == status::ok);
  }
  SECTION("capacity exactly k x d") {
    fit_setup s;
    s.capacity = s.params.k * s.d;
    CHECK(run_bad_fit(s) == status::ok);
  }
  SECTION("static_model at KMax x DMax") {
    fit_setup s;
    s.static_model = 1;
    s.params.k = 4;
    CHECK(run_bad_fit(s) == status::ok);
  }
  SECTION("k == n") {
    fit_setup s;
    s.params.k = s.n;
    s.capacity = s.n * s.d;
    CHECK(run_bad_fit(s) == status::ok);
  }
  SECTION("large finite values just inside the magnitude limit") {
    fit_setup s;
    for (std::size_t i = 0; i < s.points.size(); ++i)
      s.points[i] = (i % 2 ? 1.0f : -1.0f) * 1e18f * static_cast<float>(1 + i % 5) / 5.0f;
    for (init_method init : {init_method::kmeans_plus_plus, init_method::random,
                             init_method::farthest_point}) {
      s.params.init = init;
      tkt::fit_out f = tkt::run_fit(s.points.data(), s.n, s.d, nullptr, s.params);
      INFO(tkt::init_name(init));
      REQUIRE(f.st == status::ok);
      CHECK(tkt::all_finite(f.centroids));
      CHECK(std::isfinite(f.result.inertia));
    }
  }
}

TEST_CASE("predict rejects a NaN in a late block before writing any label", "[bad_input]") {
  const std::size_t n = 1000, d = 2;
  std::vector<float> pts = tkt::random_reals(n, d, -1.0, 1.0, 17);
  pts[n * d - 1] = kNaN;
  std::vector<float> centres = {0, 0, 1, 1};
  const tinykm::model_view m{centres.data(), 4, 2, d};
  std::vector<std::int32_t> labels(n, -7);
  CHECK(tinykm::predict(m, pts.data(), n, d, labels.data()) == status::non_finite_input);
  bool untouched = true;
  for (std::int32_t l : labels) untouched = untouched && l == -7;
  CHECK(untouched);
  std::vector<float> dist(n * 2, 777.0f);
  CHECK(tinykm::transform(m, pts.data(), n, d, dist.data(), dist.size()) ==
        status::non_finite_input);
  untouched = true;
  for (float v : dist) untouched = untouched && v == 777.0f;
  CHECK(untouched);
}
