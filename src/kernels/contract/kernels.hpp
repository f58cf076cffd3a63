// The kernel contract: the only functions that touch points in bulk, and (later) the only code
// that knows SIMD. Kernels take raw pointers and sizes, return no status, check nothing and never
// allocate; the algorithms above have validated every argument. Every backend must give the same
// labels as the scalar reference; ties always go to the lowest centre index.
#pragma once

#include <cstddef>
#include <cstdint>

// Which backends this build compiled in (0 or 1 each) decides kernel_table's layout below, and
// TINYKM_COMPACT_CODE is compact_code. CMake sets all three, from one place
// (cmake/tinykm_layers.cmake), for the library's layers and the internal targets alike, so every
// translation unit sees the same table. A build without CMake that sets none of them is the
// scalar-only firmware build of src/sources.txt; one that sets only some may not guess the rest.
#if !defined(TINYKM_HAVE_HWY) && !defined(TINYKM_HAVE_XSIMD) && !defined(TINYKM_COMPACT_CODE)
#define TINYKM_HAVE_HWY 0
#define TINYKM_HAVE_XSIMD 0
#define TINYKM_COMPACT_CODE 1
#elif !defined(TINYKM_HAVE_HWY) || !defined(TINYKM_HAVE_XSIMD) || !defined(TINYKM_COMPACT_CODE)
#error "kernels.hpp needs all of the build's kernel choices (cmake/tinykm_layers.cmake): link tinykm_internal"
#endif

namespace tinykm::kernels {

// The one code-size choice the algorithms make (TINYKM_COMPACT_CODE, a CMake option, ON by
// default where no SIMD backend is built: firmware). true: one plain copy of each loop, the
// smallest flash; false: hosts unroll short feature loops and take extra kernel calls that pay
// on SIMD tables. Both give the same bits (every table gives the scalar reference's), so the
// choice is size against speed only; algorithms never ask which backends exist.
constexpr bool compact_code = TINYKM_COMPACT_CODE != 0;

// Centres in the layout the blocked kernels read, built once per Lloyd iteration by
// prepare_centroids(): kp = k rounded up to a multiple of 16, then
//   prepared[j * kp + c]  = centre c, feature j   (d x kp, transposed; zero for padding c >= k)
//   prepared[d * kp + c]  = |centre c|^2          (kp; +infinity for padding, so it never wins)
constexpr std::size_t prepared_lanes = 16;
constexpr std::size_t padded_k(std::size_t k) {
  return (k + prepared_lanes - 1) / prepared_lanes * prepared_lanes;
}
constexpr std::size_t prepared_floats(std::size_t k, std::size_t d) { return padded_k(k) * (d + 1); }
void prepare_centroids(const float* centroids, std::size_t k, std::size_t d, float* prepared);

// Fused distance + argmin: for each point i < n (row i of `points`, d floats), the index of the
// nearest of the k centres (row-major, k x d) and its squared distance. No n x k matrix is
// stored. labels and min_dist each have n entries. `prepared` (may be null) is the same centres
// from prepare_centroids(); a kernel that computes |x|^2 + |c|^2 - 2 x.c from it must re-check
// near ties with the exact (x - c)^2 form, so its labels equal the exact form's, and must
// report min_dist as the exact (x - c)^2 of the chosen centre. min_dist is rounded as float32
// in any summation order; on integer-valued data whose squared distances stay below 2^24 (so
// every partial sum is an integer float32 holds exactly: |values| < 2^11 / sqrt(d) suffices)
// every backend is exact.
// Each kernel's function type (a backend declares its entry point as `assign_sig assign_mine;`)
// and the pointer type the table holds.
using assign_sig = void(const float* points, std::size_t n, std::size_t d, const float* centroids,
                        const float* prepared, std::size_t k, std::int32_t* labels,
                        float* min_dist);
using assign_fn = assign_sig*;

// Per-cluster weighted sums for the update step: sums[c*d + j] += sum of w_i * points[i*d + j]
// and weight_sums[c] += sum of w_i over the points i < n with labels[i] == c. weights may be null
// (all 1). Every backend adds in exactly this order, so the bits match scalar on any data:
//  - Lane rule (weights null, d <= accumulate_lanes_max_d, every label < accumulate_lanes_max_k):
//    the call's points are cut into sub-blocks of accumulate_block points from its first
//    point; within a sub-block point i goes to lane i % 16. Per sub-block, cluster c and feature
//    j, each lane sums its points' x[j] in float in point order from +0; the 16 lane sums are
//    then combined in double by the halving tree accumulate_lane_tree() and added to
//    sums[c*d + j], for every c up to the call's largest label; weight_sums[c] += the number of
//    the sub-block's points in c (exact). A lane sums at most 16 points in float, so it is off
//    by at most about 15 * 2^-24 times the sum of their |x| (and overflows only if that sum
//    passes FLT_MAX); the tree and the running sums add float64 rounding. Integer-valued data
//    (|x| < 2^20) stays exact.
//  - Otherwise: in float64 and in point order.
// The rule depends on where calls start: the Lloyd pass calls it per block of block_points at
// offsets that depend on n only (assign_pass.cpp), so the sums do not depend on threads, and do
// not depend on TINYKM_BLOCK_POINTS either while it is a multiple of accumulate_block.
constexpr std::size_t accumulate_lanes = 16;
constexpr std::size_t accumulate_block = 256;
constexpr std::size_t accumulate_lanes_max_d = 4;
constexpr std::size_t accumulate_lanes_max_k = 16;
constexpr bool accumulate_in_lanes(bool weighted, std::size_t d, std::int32_t max_label) {
  return !weighted && d >= 1 && d <= accumulate_lanes_max_d && max_label >= 0 &&
         static_cast<std::size_t>(max_label) < accumulate_lanes_max_k;
}
// The lane rule's combination of one row of 16 float lane sums: the halving tree
// t[l] += t[l + h] for h = 8, 4, 2, 1, in double; returns t[0].
inline double accumulate_lane_tree(const float* lanes) {
  double t[accumulate_lanes];
  for (std::size_t l = 0; l < accumulate_lanes; ++l) t[l] = static_cast<double>(lanes[l]);
  for (std::size_t h = accumulate_lanes / 2; h > 0; h /= 2)
    for (std::size_t l = 0; l < h; ++l) t[l] += t[l + h];
  return t[0];
}
using accumulate_sig = void(const float* points, const float* weights, std::size_t n,
                            std::size_t d, const std::int32_t* labels, double* sums,
                            double* weight_sums);
using accumulate_fn = accumulate_sig*;

// assign followed by accumulate(points, nullptr, ...) in one call over a block, for the shapes
// of assign_accumulate_applies (d <= 4, k <= 16, no weights: every label < 16, so accumulate
// takes the lane rule): the same labels and min_dist as the table's assign, and the same bits
// in sums and weight_sums as its accumulate, on any data, given sums that hold no -0.0 (a lane
// rule total is never -0.0, so sums that start at +0.0 never do; the fused kernel may add a
// +0.0 total for a cluster past the block's largest label, which accumulate skips). The Lloyd
// pass (assign_pass.cpp) calls it per block where the table has one, else the two kernels.
using assign_accumulate_sig = void(const float* points, std::size_t n, std::size_t d,
                                   const float* centroids, const float* prepared, std::size_t k,
                                   std::int32_t* labels, float* min_dist, double* sums,
                                   double* weight_sums);
using assign_accumulate_fn = assign_accumulate_sig*;
constexpr bool assign_accumulate_applies(bool weighted, std::size_t d, std::size_t k) {
  return !weighted && d >= 1 && d <= accumulate_lanes_max_d && k >= 1 &&
         k <= accumulate_lanes_max_k;
}

// Squared distances from each point to every centre: out[i*k + j]. Used by transform only, where
// the caller asked for the full matrix.
using distances_sig = void(const float* points, std::size_t n, std::size_t d,
                           const float* centroids, std::size_t k, float* out);
using distances_fn = distances_sig*;

// Initialisation step: out[i] = min(in[i], squared distance from point i to the one centre c).
// in and out may alias.
using min_distance_sig = void(const float* points, std::size_t n, std::size_t d,
                              const float* c, const float* in, float* out);
using min_distance_fn = min_distance_sig*;

// Initialisation, d <= candidate_max_d, hosts only (candidate_min_of): up to candidate_lanes
// candidates at once, held transposed (cand[j * candidate_lanes + t] = feature j of candidate t,
// every column readable). For each point i < n and t < count (nothing else is written):
//   out[i * count + t] = min(closest[i], squared distance from point i to candidate t)
// Each distance has the bits of this table's min_distance (the same operations in the same order,
// vectorised across candidates instead of points), so scoring candidates together chooses
// exactly what scoring them one at a time would.
constexpr std::size_t candidate_lanes = 16;
constexpr std::size_t candidate_max_d = 16;
using candidate_min_sig = void(const float* points, std::size_t n, std::size_t d,
                               const float* cand, std::size_t count, const float* closest,
                               float* out);
using candidate_min_fn = candidate_min_sig*;

// Initialisation at d <= trial_max_d without weights, hosts only (trial_potentials_of; may be
// null): the k-means++ potentials of `count` <= trial_max_count candidates in one read of the
// points. Per point i: where winner is not null, first moved[i] = min(closest[i], squared
// distance to winner) (moved may be closest itself) and near_i = moved[i]; else near_i =
// closest[i] and moved is not written (it may be null). Candidate t's term is min(near_i,
// squared distance to cand_t), cand_t = cand + t * d. Every distance has this table's
// min_distance bits. Terms are summed in blocks of potential_block(d) points from points[0]
// (the last may be shorter): term j of a block into double lane j % 8 in order, the lanes
// combined by lane_tree (lane_tree.hpp); pot[t] += each block's total, block by block (the
// inertia sum's rule). Blocks are 64 points at d <= 4, 16 beyond, where the weighted seeding
// sums candidate_min's rows (16 points a call; count + 1 <= candidate_lanes columns).
constexpr std::size_t trial_max_d = candidate_max_d;
constexpr std::size_t trial_max_count = candidate_lanes - 1;
constexpr std::size_t potential_block(std::size_t d) noexcept { return d > 4 ? 16 : 64; }
constexpr std::size_t potential_block_max = 64;
using trial_potentials_sig = void(const float* points, std::size_t n, std::size_t d,
                                  const float* winner, const float* cand, std::size_t count,
                                  const float* closest, float* moved, double* pot);
using trial_potentials_fn = trial_potentials_sig*;

// Streams (src/stream_*): points against centres kept in lanes, lanes[j * kp + c] = feature j
// of centre c, kp a multiple of lanes_pad; padding lanes hold +infinity (and radius 0). For each
// point i < n (row i of points, d floats): labels[i] = the nearest centre (lowest index on
// ties), squares[i] = its squared distance, scores[i] = the least over c < kp of
// (sqrt(square_c) - radius[c]). Each square is summed per lane in feature order from t_0^2 as
// squared_distance_scalar does, never fused (every lanes file, scalar included, builds with
// -ffp-contract=off), so every backend gives the scalar bits on any data.
// The kernels' function types: every backend declares its entry points with them
// (`lanes_nearest_sig lanes_nearest_scalar;`), so the signature is written here only.
constexpr std::size_t lanes_pad = 8;
using lanes_nearest_sig = void(const float* points, std::size_t n, std::size_t d,
                             const float* lanes, const float* radius, std::size_t kp,
                             std::int32_t* labels, float* squares, float* scores);
using lanes_nearest_fn = lanes_nearest_sig*;
// The same for one point (a stream update): no loop, no stack arguments. (Written through a
// pointer: a 12-byte struct returned in registers is packed and unpacked through the stack,
// and the caller's loads of it wait for that store.)
struct lanes_hit {
  std::int32_t label;
  float square;
  float score;
};
using lanes_nearest_one_sig = void(const float* x, std::size_t d, const float* lanes,
                                 const float* radius, std::size_t kp, lanes_hit* out);
using lanes_nearest_one_fn = lanes_nearest_one_sig*;

struct kernel_table {
  const char* (*name)();  // e.g. "scalar", "hwy:AVX3", "xsimd:avx2"; may change when forced
  assign_fn assign;
  accumulate_fn accumulate;
  distances_fn distances;
  min_distance_fn min_distance;
  // Which assign kernel runs for d and k inside a Lloyd iteration (benchmarks print it).
  const char* (*assign_kernel)(std::size_t d, std::size_t k);
#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD
  lanes_nearest_fn lanes_nearest;  // read these two through lanes_kernels_of()
  lanes_nearest_one_fn lanes_nearest_one;
  assign_accumulate_fn assign_accumulate;  // may be null; read it through assign_accumulate_of()
  candidate_min_fn candidate_min;  // read through candidate_min_of()
  trial_potentials_fn trial_potentials;  // may be null; read through trial_potentials_of()
#endif
};

// Every table this build can run on this CPU, the scalar reference first (tests and benchmarks
// loop over them). count receives how many.
const kernel_table* const* available_tables(std::size_t* count) noexcept;

// The best table of a family this build has and this CPU runs (xsimd: its widest
// architecture), or null.
enum class table_family { scalar, highway, xsimd };
const kernel_table* table_of(table_family family) noexcept;

// Makes `table` the active one (null: back to the automatic choice). Thread-safe: an atomic
// store that calls already running may or may not see (README, "Threads and thread safety").
void set_active(const kernel_table* table) noexcept;

// The scalar reference backend (src/kernels/scalar/).
const char* scalar_name();
const char* scalar_assign_kernel(std::size_t d, std::size_t k);
assign_sig assign_scalar;
accumulate_sig accumulate_scalar;
distances_sig distances_scalar;
min_distance_sig min_distance_scalar;
lanes_nearest_sig lanes_nearest_scalar;
lanes_nearest_one_sig lanes_nearest_one_scalar;
// The fused kernel's reference: assign_scalar then accumulate_scalar. SIMD builds only (the
// scalar-only firmware keeps the two calls, and its table no entry for it).
assign_accumulate_sig assign_accumulate_scalar;
candidate_min_sig candidate_min_scalar;
trial_potentials_sig trial_potentials_scalar;

#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD
extern const kernel_table scalar_table;

// The table in use: one relaxed atomic load. fit, transform, inertia, lloyd_step and a serial
// predict read it once per call; a parallel predict once per chunk; streams once per sample
// (their lanes kernels give the scalar bits on every backend).
const kernel_table& active() noexcept;
#else
// Scalar-only builds (firmware): the table is a constant, so every call through active() is a
// direct call and a firmware links only the kernels it uses (ports/cortex-m footprint).
inline constexpr kernel_table scalar_table{scalar_name,      assign_scalar,       accumulate_scalar,
                                           distances_scalar, min_distance_scalar, scalar_assign_kernel};

constexpr const kernel_table& active() noexcept { return scalar_table; }
#endif

// A table's lanes kernels. Scalar-only builds keep them out of the table: a batch fit passes the
// table by reference, so a firmware that fits links every kernel the table names.
struct lanes_kernels {
  lanes_nearest_fn nearest;
  lanes_nearest_one_fn one;
};
constexpr lanes_kernels lanes_kernels_of(const kernel_table& table) noexcept {
#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD
  return {table.lanes_nearest, table.lanes_nearest_one};
#else
  return (void)table, lanes_kernels{lanes_nearest_scalar, lanes_nearest_one_scalar};
#endif
}

// A table's fused assign + accumulate, or null: then the caller makes the two calls. Scalar-only
// builds have none (the firmware's footprint stays that of the two kernels).
constexpr assign_accumulate_fn assign_accumulate_of(const kernel_table& table) noexcept {
#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD
  return table.assign_accumulate;
#else
  return (void)table, nullptr;
#endif
}

// A table's candidate_min, or null in scalar-only builds (firmware keeps the one-candidate
// scoring: the smallest flash).
constexpr candidate_min_fn candidate_min_of(const kernel_table& table) noexcept {
#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD
  return table.candidate_min;
#else
  return (void)table, nullptr;
#endif
}

// A table's trial_potentials, or null (scalar-only builds: firmware keeps its one-candidate
// scoring; a backend without one: seeding calls min_distance per candidate).
constexpr trial_potentials_fn trial_potentials_of(const kernel_table& table) noexcept {
#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD
  return table.trial_potentials;
#else
  return (void)table, nullptr;
#endif
}

// Squared Euclidean distance of two d-vectors, summed in float in index order. The definition
// every backend's distances must agree with on integer-valued data.
inline float squared_distance_scalar(const float* a, const float* b, std::size_t d) {
  float s = 0.0f;
  for (std::size_t j = 0; j < d; ++j) {
    const float t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

}  // namespace tinykm::kernels
