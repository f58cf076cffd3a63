// Differential: every kernel table this build runs here (kernels::available_tables: scalar,
// Highway, each xsimd architecture) on the same small random data set, against the scalar
// reference, holding each to the contract in src/kernels/contract/kernels.hpp and the README:
//  - assign: the same labels as scalar; on integer-valued data (squared distances < 2^24) min_dist
//    bit-identical, else the exact (x - c)^2 of the chosen centre rounded as float32 (in any
//    summation order);
//  - distances, min_distance: bit-identical on integer-valued data, else within float32
//    rounding of the exact value;
//  - accumulate and lanes_nearest: bit-identical on any data;
//  - a whole fit (one Lloyd step from each initialisation) on integer-valued data: bit-identical
//    centres on every backend.
// A violation prints what differs and aborts.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

#include "fuzz_support.hpp"
#include "kernels.hpp"
#include "tinykm/tinykm.hpp"

namespace kn = tinykm::kernels;

namespace {

using tinykm_fuzz::require;

struct data_set {
  std::size_t n, d, k;
  bool integer;
  std::vector<float> points, centres;
};

// Integers small enough to keep every float32 sum exact, or reals at any scale.
data_set decode(FuzzedDataProvider& in) {
  data_set s{in.ConsumeIntegralInRange<std::size_t>(1, 512), in.ConsumeIntegralInRange<std::size_t>(1, 20),
             in.ConsumeIntegralInRange<std::size_t>(1, 20), in.ConsumeBool(), {}, {}};
  // Integer data is exact while every squared distance stays below 2^24: d (2 A)^2 < 2^24.
  const int widest = static_cast<int>(std::sqrt(16777215.0 / static_cast<double>(s.d)) / 2.0);
  const int amplitudes[] = {1, 8, 100, widest};
  const int amplitude = std::min(amplitudes[in.ConsumeIntegralInRange<int>(0, 3)], widest);
  const float scale = std::ldexp(1.0f, in.ConsumeIntegralInRange<int>(-30, 30));
  auto value = [&]() {
    if (s.integer) return static_cast<float>(in.ConsumeIntegralInRange<int>(-amplitude, amplitude));
    return scale * static_cast<float>(in.ConsumeIntegralInRange<std::int32_t>(-(1 << 23), 1 << 23)) /
           8388608.0f;
  };
  s.points.resize(s.n * s.d);
  for (float& v : s.points) v = value();
  s.centres.resize(s.k * s.d);
  for (std::size_t c = 0; c < s.k; ++c) {  // a point, an earlier centre (a tie) or anywhere
    const int from = in.ConsumeIntegralInRange<int>(0, 2);
    const std::size_t p = in.ConsumeIntegralInRange<std::size_t>(0, s.n - 1);
    const std::size_t e = c > 0 ? in.ConsumeIntegralInRange<std::size_t>(0, c - 1) : 0;
    for (std::size_t j = 0; j < s.d; ++j)
      s.centres[c * s.d + j] = from == 0 ? s.points[p * s.d + j]
                               : from == 1 && c > 0 ? s.centres[e * s.d + j]
                                                    : value();
  }
  return s;
}

double exact_square(const float* a, const float* b, std::size_t d) {
  double s = 0.0;
  for (std::size_t j = 0; j < d; ++j) {
    const double t = static_cast<double>(a[j]) - static_cast<double>(b[j]);
    s += t * t;
  }
  return s;
}

// How far a float32 squared distance summed in any order may be from the exact one: d terms,
// each (a - b)^2 rounded twice, summed with d - 1 roundings; plus underflow of tiny squares.
double rounding_bound(double exact, std::size_t d) {
  return static_cast<double>(d + 4) * std::ldexp(exact, -24) + static_cast<double>(d) * std::ldexp(1.0, -140);
}

bool same_bits(const void* a, const void* b, std::size_t bytes) { return std::memcmp(a, b, bytes) == 0; }

[[noreturn]] void differs(const kn::kernel_table& t, const char* what, const data_set& s, std::size_t i) {
  std::fprintf(stderr, "%s: %s differs from scalar at %zu (n %zu d %zu k %zu, %s data)\n", t.name(),
               what, i, s.n, s.d, s.k, s.integer ? "integer" : "real");
  tinykm_fuzz::fail("backend differs from the scalar reference");
}

// Each check builds its inputs and the scalar reference once, then runs every other table.
struct tables_here {
  const kn::kernel_table* const* at;
  std::size_t count;
};

void check_assign(tables_here tables, const data_set& s, const float* prepared) {
  std::vector<std::int32_t> ref_l(s.n), l(s.n);
  std::vector<float> ref_m(s.n), m(s.n);
  kn::assign_scalar(s.points.data(), s.n, s.d, s.centres.data(), nullptr, s.k, ref_l.data(), ref_m.data());
  for (std::size_t ti = 1; ti < tables.count; ++ti) {
    const kn::kernel_table& t = *tables.at[ti];
    t.assign(s.points.data(), s.n, s.d, s.centres.data(), prepared, s.k, l.data(), m.data());
    for (std::size_t i = 0; i < s.n; ++i) {
      if (l[i] != ref_l[i]) {
        const float* x = &s.points[i * s.d];
        const double want = exact_square(x, &s.centres[static_cast<std::size_t>(ref_l[i]) * s.d], s.d);
        const double got = l[i] >= 0 && static_cast<std::size_t>(l[i]) < s.k
                               ? exact_square(x, &s.centres[static_cast<std::size_t>(l[i]) * s.d], s.d)
                               : -1.0;
        std::fprintf(stderr, "point %zu: scalar label %d (exact %.17g), %s label %d (exact %.17g)%s\n", i,
                     ref_l[i], want, t.name(), l[i], got,
                     got >= 0.0 && std::fabs(got - want) <= rounding_bound(want + got, s.d) ? ", a near tie" : "");
        differs(t, prepared != nullptr ? "assign label (prepared)" : "assign label", s, i);
      }
      if (s.integer) {
        if (!same_bits(&m[i], &ref_m[i], sizeof(float))) {
          std::fprintf(stderr, "min_dist %.9g, scalar %.9g\n", static_cast<double>(m[i]),
                       static_cast<double>(ref_m[i]));
          differs(t, "assign min_dist", s, i);
        }
      } else if (!same_bits(&m[i], &ref_m[i], sizeof(float))) {  // same label, other rounding
        const double e = exact_square(&s.points[i * s.d], &s.centres[static_cast<std::size_t>(l[i]) * s.d], s.d);
        if (!(std::fabs(static_cast<double>(m[i]) - e) <= rounding_bound(e, s.d)))
          differs(t, "assign min_dist (beyond rounding)", s, i);
      }
    }
  }
}

void check_distances(tables_here tables, const data_set& s) {
  const std::size_t n = s.n < 64 ? s.n : 64;
  std::vector<float> ref(n * s.k), got(n * s.k);
  kn::distances_scalar(s.points.data(), n, s.d, s.centres.data(), s.k, ref.data());
  for (std::size_t ti = 1; ti < tables.count; ++ti) {
    const kn::kernel_table& t = *tables.at[ti];
    t.distances(s.points.data(), n, s.d, s.centres.data(), s.k, got.data());
    for (std::size_t i = 0; i < n * s.k; ++i) {
      if (s.integer) {
        if (!same_bits(&got[i], &ref[i], sizeof(float))) differs(t, "distances", s, i);
      } else if (!same_bits(&got[i], &ref[i], sizeof(float))) {
        const double e = exact_square(&s.points[i / s.k * s.d], &s.centres[i % s.k * s.d], s.d);
        if (!(std::fabs(static_cast<double>(got[i]) - e) <= rounding_bound(e, s.d))) differs(t, "distances", s, i);
      }
    }
  }
}

void check_min_distance(tables_here tables, const data_set& s, FuzzedDataProvider& in) {
  std::vector<float> start(s.n), ref(s.n), got(s.n);
  std::vector<double> exact(s.n);
  const std::size_t c = in.ConsumeIntegralInRange<std::size_t>(0, s.k - 1);
  for (std::size_t i = 0; i < s.n; ++i) {  // a bound near the distance, above or below it
    exact[i] = exact_square(&s.points[i * s.d], &s.centres[c * s.d], s.d);
    start[i] = static_cast<float>(exact[i] * in.ConsumeFloatingPointInRange<double>(0.5, 1.5));
  }
  kn::min_distance_scalar(s.points.data(), s.n, s.d, &s.centres[c * s.d], start.data(), ref.data());
  for (std::size_t ti = 1; ti < tables.count; ++ti) {
    const kn::kernel_table& t = *tables.at[ti];
    t.min_distance(s.points.data(), s.n, s.d, &s.centres[c * s.d], start.data(), got.data());
    for (std::size_t i = 0; i < s.n; ++i) {
      if (same_bits(&got[i], &ref[i], sizeof(float))) continue;
      if (s.integer) differs(t, "min_distance", s, i);
      const double e = exact[i], lo = e - rounding_bound(e, s.d), hi = e + rounding_bound(e, s.d);
      const double g = static_cast<double>(got[i]), was = static_cast<double>(start[i]);
      const bool kept = got[i] == start[i] && was <= hi;
      const bool took = g >= lo && g <= hi && g <= was;
      if (!kept && !took) differs(t, "min_distance", s, i);
    }
  }
}

void check_accumulate(tables_here tables, const data_set& s, FuzzedDataProvider& in) {
  std::vector<std::int32_t> labels(s.n);
  const std::size_t top = in.ConsumeIntegralInRange<std::size_t>(0, s.k - 1);  // largest label
  for (std::int32_t& l : labels) l = static_cast<std::int32_t>(in.ConsumeIntegralInRange<std::size_t>(0, top));
  std::vector<float> w;
  if (in.ConsumeBool()) {
    w.resize(s.n);
    for (float& v : w) v = std::ldexp(1.0f + in.ConsumeProbability<float>(), in.ConsumeIntegralInRange<int>(-20, 20));
  }
  const double start = in.ConsumeFloatingPointInRange<double>(-1.0, 1.0);
  std::vector<double> ref_s(s.k * s.d, start), ref_w(s.k, 1.0);
  const float* wp = w.empty() ? nullptr : w.data();
  kn::accumulate_scalar(s.points.data(), wp, s.n, s.d, labels.data(), ref_s.data(), ref_w.data());
  for (std::size_t ti = 1; ti < tables.count; ++ti) {
    const kn::kernel_table& t = *tables.at[ti];
    std::vector<double> got_s(s.k * s.d, start), got_w(s.k, 1.0);
    t.accumulate(s.points.data(), wp, s.n, s.d, labels.data(), got_s.data(), got_w.data());
    for (std::size_t i = 0; i < ref_s.size(); ++i)
      if (!same_bits(&got_s[i], &ref_s[i], sizeof(double))) differs(t, "accumulate sums", s, i);
    for (std::size_t i = 0; i < ref_w.size(); ++i)
      if (!same_bits(&got_w[i], &ref_w[i], sizeof(double))) differs(t, "accumulate weights", s, i);
  }
}

void check_lanes(tables_here tables, const data_set& s, FuzzedDataProvider& in) {
  const std::size_t kp = (s.k + kn::lanes_pad - 1) / kn::lanes_pad * kn::lanes_pad;
  std::vector<float> lanes(s.d * kp, std::numeric_limits<float>::infinity()), radius(kp, 0.0f);
  for (std::size_t c = 0; c < s.k; ++c) {
    for (std::size_t j = 0; j < s.d; ++j) lanes[j * kp + c] = s.centres[c * s.d + j];
    radius[c] = std::fabs(s.centres[c * s.d]) * in.ConsumeProbability<float>();
  }
  std::vector<std::int32_t> ref_l(s.n), got_l(s.n);
  std::vector<float> ref_q(s.n), got_q(s.n), ref_e(s.n), got_e(s.n);
  kn::lanes_nearest_scalar(s.points.data(), s.n, s.d, lanes.data(), radius.data(), kp, ref_l.data(),
                           ref_q.data(), ref_e.data());
  for (std::size_t ti = 1; ti < tables.count; ++ti) {
    const kn::kernel_table& t = *tables.at[ti];
    const kn::lanes_kernels lk = kn::lanes_kernels_of(t);
    lk.nearest(s.points.data(), s.n, s.d, lanes.data(), radius.data(), kp, got_l.data(),
               got_q.data(), got_e.data());
    if (got_l != ref_l) differs(t, "lanes_nearest label", s, 0);
    if (!same_bits(got_q.data(), ref_q.data(), s.n * sizeof(float))) differs(t, "lanes_nearest square", s, 0);
    if (!same_bits(got_e.data(), ref_e.data(), s.n * sizeof(float))) differs(t, "lanes_nearest score", s, 0);
    for (std::size_t i = 0; i < s.n; ++i) {
      kn::lanes_hit hit{};
      lk.one(&s.points[i * s.d], s.d, lanes.data(), radius.data(), kp, &hit);
      if (hit.label != ref_l[i]) differs(t, "lanes_nearest_one label", s, i);
      if (!same_bits(&hit.square, &ref_q[i], sizeof(float))) differs(t, "lanes_nearest_one square", s, i);
      if (!same_bits(&hit.score, &ref_e[i], sizeof(float))) differs(t, "lanes_nearest_one score", s, i);
    }
  }
}

// One Lloyd step from the same seed on every table: the centres must match bit for bit.
void check_fits(const kn::kernel_table* const* tables, std::size_t count, const data_set& s,
                FuzzedDataProvider& in) {
  tinykm::fit_params p;
  p.k = s.k <= s.n ? s.k : s.n;
  const tinykm::init_method inits[] = {tinykm::init_method::kmeans_plus_plus, tinykm::init_method::random,
                                       tinykm::init_method::farthest_point};
  p.init = inits[in.ConsumeIntegralInRange<int>(0, 2)];
  p.n_init = in.ConsumeIntegralInRange<std::uint32_t>(1, 2);
  p.max_iter = 1;
  p.seed = in.ConsumeIntegral<std::uint64_t>();
  std::vector<unsigned char> workspace(tinykm::fit_workspace_size(p, s.n, s.d));
  std::vector<float> ref, got(p.k * s.d);
  double ref_inertia = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    kn::set_active(tables[i]);
    tinykm::model_view m{got.data(), got.size(), 0, 0};
    tinykm::fit_result r;
    const tinykm::status st =
        tinykm::fit(s.points.data(), s.n, s.d, nullptr, p, m, workspace.data(), workspace.size(), &r);
    kn::set_active(nullptr);
    require(st == tinykm::status::ok, "fit failed on valid integer data");
    if (i == 0) {
      ref = got;
      ref_inertia = r.inertia;
    } else {
      if (!same_bits(got.data(), ref.data(), got.size() * sizeof(float))) differs(*tables[i], "fit centres", s, 0);
      if (!(std::fabs(r.inertia - ref_inertia) <= rounding_bound(ref_inertia, s.d) + std::ldexp(ref_inertia, -40)))
        differs(*tables[i], "fit inertia", s, 0);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const data_set s = decode(in);
  std::vector<float> prepared(kn::prepared_floats(s.k, s.d));
  kn::prepare_centroids(s.centres.data(), s.k, s.d, prepared.data());
  std::size_t count = 0;
  const kn::kernel_table* const* tables = kn::available_tables(&count);
  const tables_here here{tables, count};
  check_assign(here, s, nullptr);
  check_assign(here, s, prepared.data());
  check_distances(here, s);
  check_min_distance(here, s, in);
  check_accumulate(here, s, in);
  check_lanes(here, s, in);
  if (s.integer) check_fits(tables, count, s, in);
  return 0;
}
