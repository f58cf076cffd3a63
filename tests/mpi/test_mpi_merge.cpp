// mpi::merge_streams on 1, 2 and 3 ranks: a fleet of streams merged into one state, the same on
// every rank, equal to one stream that saw every rank's samples (exactly, on data where that is
// exact). CHECK only, never REQUIRE (see test_mpi_fit.cpp).
#include <catch2/catch.hpp>
#include <mpi.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "stream_layout.hpp"
#include "mpi_support.hpp"
#include "tinykm/mpi.hpp"
#include "tinykm/serialize.hpp"
#include "tinykm/stream.hpp"

namespace {

using tinykm_mpi_test::rank_of;
using tinykm_mpi_test::ranks;

constexpr std::size_t k = 3, d = 2;
constexpr float places[k][d] = {{0.0f, 0.0f}, {100.0f, 0.0f}, {0.0f, 100.0f}};

struct owned {
  explicit owned(const tinykm::stream_params& p)
      : memory(tinykm::stream_memory_size(p.k, d, p.reservoir) / sizeof(double) + 1) {}
  tinykm::stream_state state() { return {memory.data(), memory.size() * sizeof(double)}; }
  std::vector<double> memory;  // 8-byte aligned
};

tinykm::stream_params fleet_params() {
  tinykm::stream_params p;
  p.k = k;
  p.reservoir = 30;
  p.rule = tinykm::update_rule::running_mean;  // decay off
  return p;
}

// Sample i of rank r: one of the three places, in a pattern that differs by rank.
const float* sample(int r, std::size_t i) { return places[(i * static_cast<std::size_t>(r + 2) + i / 7) % k]; }
std::size_t samples_of(int r) { return 60 + 17 * static_cast<std::size_t>(r); }

// The centres in lexicographic order (the two streams may number their clusters differently).
std::vector<std::array<float, d>> sorted_centres(const tinykm::stream_state& s) {
  tinykm::model_view m;
  CHECK(tinykm::stream_model(s, &m) == tinykm::status::ok);
  std::vector<std::array<float, d>> c(k);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < d; ++j) c[i][j] = m.centroids[i * d + j];
  std::sort(c.begin(), c.end());
  return c;
}

// Weight of the cluster whose centre is at `place`.
float weight_at(const tinykm::stream_state& s, const float* place) {
  const tinykm::detail::stream_view v = tinykm::detail::stream_view_of(s);
  for (std::size_t c = 0; c < k; ++c)
    if (std::memcmp(v.arrays.centroids + c * d, place, d * sizeof(float)) == 0) return v.arrays.weights[c];
  return -1.0f;
}

std::vector<unsigned char> blob_of(const tinykm::stream_state& s) {
  std::vector<unsigned char> blob(tinykm::save_size(s));
  std::size_t written = 0;
  CHECK(tinykm::save(s, blob.data(), blob.size(), &written) == tinykm::status::ok);
  blob.resize(written);
  return blob;
}

}  // namespace

TEST_CASE("merge_streams: every rank ends with one stream's state for all the fleet's samples") {
  const tinykm::stream_params p = fleet_params();
  owned mine(p), everything(p);
  CHECK(tinykm::stream_init(p, d, mine.state()) == tinykm::status::ok);
  CHECK(tinykm::stream_init(p, d, everything.state()) == tinykm::status::ok);
  for (std::size_t i = 0; i < samples_of(rank_of()); ++i)
    CHECK(tinykm::stream_update(mine.state(), sample(rank_of(), i)) == tinykm::status::ok);
  std::uint64_t total = 0;
  for (int r = 0; r < ranks(); ++r)  // the reference: one stream, every rank's samples in turn
    for (std::size_t i = 0; i < samples_of(r); ++i, ++total)
      CHECK(tinykm::stream_update(everything.state(), sample(r, i)) == tinykm::status::ok);

  std::vector<unsigned char> ws(tinykm::mpi::merge_streams_workspace_size(MPI_COMM_WORLD, k, d));
  CHECK(tinykm::mpi::merge_streams(MPI_COMM_WORLD, mine.state(), ws.data(), ws.size()) == tinykm::status::ok);

  tinykm::stream_info info;
  CHECK(tinykm::stream_get_info(mine.state(), &info) == tinykm::status::ok);
  CHECK(info.counters.samples == total);
  CHECK(sorted_centres(mine.state()) == sorted_centres(everything.state()));  // exact
  for (const auto& place : places) CHECK(weight_at(mine.state(), place) == weight_at(everything.state(), place));
  // The same bytes on every rank.
  std::vector<unsigned char> blob = blob_of(mine.state()), root(blob);
  int size = static_cast<int>(blob.size());
  MPI_Bcast(&size, 1, MPI_INT, 0, MPI_COMM_WORLD);
  root.resize(static_cast<std::size_t>(size));
  MPI_Bcast(root.data(), size, MPI_BYTE, 0, MPI_COMM_WORLD);
  CHECK(blob == root);
}

TEST_CASE("merge_streams: counters stop at 2^64 - 1 and the state still loads") {
  const tinykm::stream_params p = fleet_params();
  owned mine(p);
  CHECK(tinykm::stream_init(p, d, mine.state()) == tinykm::status::ok);
  for (std::size_t i = 0; i < samples_of(rank_of()); ++i)
    CHECK(tinykm::stream_update(mine.state(), sample(rank_of(), i)) == tinykm::status::ok);
  // 64 merges with itself double every counter past 2^64: each rank's stop at 2^64 - 1.
  for (int i = 0; i < 64; ++i)
    CHECK(tinykm::stream_merge(mine.state(), mine.state(), mine.state()) == tinykm::status::ok);
  std::vector<unsigned char> ws(tinykm::mpi::merge_streams_workspace_size(MPI_COMM_WORLD, k, d));
  CHECK(tinykm::mpi::merge_streams(MPI_COMM_WORLD, mine.state(), ws.data(), ws.size()) ==
        tinykm::status::ok);
  tinykm::stream_info info;
  CHECK(tinykm::stream_get_info(mine.state(), &info) == tinykm::status::ok);
  CHECK(info.counters.samples == UINT64_MAX);  // a wrapped sum would be 2^64 - ranks
  CHECK(info.counters.batches == 0);
  const std::vector<unsigned char> blob = blob_of(mine.state());
  owned back(p);
  CHECK(tinykm::load(blob.data(), blob.size(), back.state()) == tinykm::status::ok);
}

TEST_CASE("merge_streams: a bad stream on one rank gives every rank its status, streams unchanged") {
  const tinykm::stream_params p = fleet_params();
  owned mine(p);
  CHECK(tinykm::stream_init(p, d, mine.state()) == tinykm::status::ok);
  const int odd = ranks() - 1;
  const std::size_t n = rank_of() == odd ? p.reservoir - 1 : p.reservoir + 5;  // one not ready
  for (std::size_t i = 0; i < n; ++i) CHECK(tinykm::stream_update(mine.state(), sample(rank_of(), i)) == tinykm::status::ok);
  std::vector<unsigned char> ws(tinykm::mpi::merge_streams_workspace_size(MPI_COMM_WORLD, k, d));
  const std::vector<unsigned char> before = blob_of(mine.state());
  CHECK(tinykm::mpi::merge_streams(MPI_COMM_WORLD, mine.state(), ws.data(), ws.size()) == tinykm::status::not_ready);
  CHECK(blob_of(mine.state()) == before);
  for (std::size_t i = n; i < p.reservoir + 5; ++i)  // now every stream is ready
    CHECK(tinykm::stream_update(mine.state(), sample(rank_of(), i)) == tinykm::status::ok);
  const std::vector<unsigned char> ready = blob_of(mine.state());
  CHECK(tinykm::mpi::merge_streams(MPI_COMM_WORLD, mine.state(), ws.data(),
                                   rank_of() == odd ? 8 : ws.size()) == tinykm::status::workspace_too_small);
  CHECK(blob_of(mine.state()) == ready);
}
