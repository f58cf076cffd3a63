// The fixed-order sums of src/mpi/collectives.hpp on 1, 2 and 3 ranks: both schedules (binomial,
// Rabenseifner) and ordered_sum's choice between them give, on every rank, the bits of a serial
// sum in the binomial tree's order written out here, run after run, for tiny to large vectors.
// CHECK only (see test_mpi_fit.cpp).
#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>
#include <random>
#include <vector>

#include "collectives.hpp"
#include "mpi_support.hpp"

namespace {

using tinykm_mpi_test::rank_of;
using tinykm_mpi_test::ranks;
using tinykm_mpi_test::same_bits;
using tinykm_mpi_test::same_on_every_rank;
using sum_fn = void (*)(MPI_Comm, double*, std::size_t, double*) noexcept;

// Rank r's vector: reproducible on every rank. Integer-valued (exact sums) or of mixed magnitude
// (the order of the additions shows in the bits).
std::vector<double> data_of(int r, std::size_t count, bool integers) {
  std::mt19937_64 gen(1000u + static_cast<unsigned>(r) * 7919u + count);
  std::uniform_int_distribution<int> small(-1000, 1000);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-30, 30);
  std::vector<double> v(count);
  for (double& x : v)
    x = integers ? small(gen) : std::ldexp(mantissa(gen), exponent(gen));
  return v;
}

// The serial reference: rank r's partial += rank r + s's, for s = 1, 2, 4, .. (the tree).
std::vector<double> tree_sum(std::size_t count, bool integers) {
  std::vector<std::vector<double>> partial;
  for (int r = 0; r < ranks(); ++r) partial.push_back(data_of(r, count, integers));
  for (int s = 1; s < ranks(); s *= 2)
    for (int r = 0; r + s < ranks(); r += 2 * s)
      for (std::size_t i = 0; i < count; ++i)
        partial[static_cast<std::size_t>(r)][i] += partial[static_cast<std::size_t>(r + s)][i];
  return partial[0];
}

// The plain sum x0 + x1 + .. (exact, so any order agrees, on integer data).
std::vector<double> plain_sum(std::size_t count) {
  std::vector<double> total(count, 0.0);
  for (int r = 0; r < ranks(); ++r) {
    const std::vector<double> x = data_of(r, count, true);
    for (std::size_t i = 0; i < count; ++i) total[i] += x[i];
  }
  return total;
}

std::vector<double> run(sum_fn sum, std::size_t count, bool integers) {
  std::vector<double> values = data_of(rank_of(), count, integers);
  std::vector<double> scratch(count + 1, -1.0);
  sum(MPI_COMM_WORLD, values.data(), count, scratch.data());
  return values;
}


// Tiny (fewer doubles than ranks, empty segments), odd, around the choice and large counts.
const std::size_t counts[] = {0, 1, 2, 3, 5, 17, 1023, 1024, 4099, 66049};
const sum_fn schedules[] = {tinykm::mpi::detail::binomial_sum,
                            tinykm::mpi::detail::rabenseifner_sum,
                            tinykm::mpi::detail::ordered_sum};

}  // namespace

TEST_CASE("fixed-order sums: the serial tree's bits on every rank, run after run", "[mpi]") {
  for (const std::size_t count : counts) {
    const std::vector<double> reference = tree_sum(count, false);
    for (std::size_t f = 0; f < 3; ++f) {
      INFO("count " << count << ", schedule " << f << ", ranks " << ranks());
      const std::vector<double> first = run(schedules[f], count, false);
      CHECK(same_bits(first, reference));
      CHECK(same_on_every_rank(first));
      CHECK(same_bits(run(schedules[f], count, false), first));
    }
  }
}

TEST_CASE("fixed-order sums: integer data sum exactly", "[mpi]") {
  for (const std::size_t count : counts) {
    const std::vector<double> exact = plain_sum(count);
    for (std::size_t f = 0; f < 3; ++f) {
      INFO("count " << count << ", schedule " << f << ", ranks " << ranks());
      CHECK(same_bits(run(schedules[f], count, true), exact));
    }
  }
}

TEST_CASE("fixed-order sums: the choice depends on count and rank count only", "[mpi]") {
  using tinykm::mpi::detail::prefers_rabenseifner;
  using tinykm::mpi::detail::rabenseifner_min_count;
  CHECK_FALSE(prefers_rabenseifner(1u << 20, 1));
  CHECK_FALSE(prefers_rabenseifner(rabenseifner_min_count - 1, 64));
  CHECK(prefers_rabenseifner(rabenseifner_min_count, 2));
  CHECK(prefers_rabenseifner(66049, 3));  // embed-128d's k x (d + 1) + 1
  CHECK(prefers_rabenseifner(66049, 64));
  CHECK(prefers_rabenseifner(1089, 64));  // sensor-16d's
  // Just above 64 ranks, rank 64's 64 segment messages outweigh what sensor-16d's 8.7 KB saves.
  CHECK_FALSE(prefers_rabenseifner(1089, 65));
  CHECK(prefers_rabenseifner(66049, 65));
  // At the int limit (UBSan watches the arithmetic): 2^30 extra ranks' segment messages lose.
  CHECK(prefers_rabenseifner(66049, 1 << 30));
  CHECK_FALSE(prefers_rabenseifner(66049, 0x7fffffff));
}
