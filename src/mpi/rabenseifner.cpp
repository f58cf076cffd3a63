// rabenseifner_sum (collectives.hpp): the binomial tree's summation order at 2·(N-1)/N·count
// doubles per rank. Ranks [0, P), P the largest power of two <= N, cut the vector into P
// segments; segment ranges are halved step by step, so every range a rank holds is contiguous.
#include "collectives.hpp"

namespace tinykm::mpi::detail {

namespace {

// The first element of segment j of `parts` near-equal segments (overflow-free for P <= 2^31).
std::size_t segment_start(std::size_t count, std::size_t parts, std::size_t j) noexcept {
  return count / parts * j + count % parts * j / parts;
}

// A range of segments [lo, hi) of a vector cut into `parts`.
struct segments {
  std::size_t count, parts, lo, hi;
  std::size_t begin() const noexcept { return segment_start(count, parts, lo); }
  int size() const noexcept {
    return static_cast<int>(segment_start(count, parts, hi) - begin());
  }
};

// mine <- lower + upper element-wise, where `mine_lower` says which operand is this rank's: the
// lower ranks' partial is always the left operand, as in the tree (so even NaN payloads match).
void add(double* mine, const double* theirs, int n, bool mine_lower) noexcept {
  const auto count = static_cast<std::size_t>(n);
  if (mine_lower)
    for (std::size_t i = 0; i < count; ++i) mine[i] = mine[i] + theirs[i];
  else
    for (std::size_t i = 0; i < count; ++i) mine[i] = theirs[i] + mine[i];
}

// Reduce-scatter over ranks [0, P): at distance s = 1, 2, .., P/2 rank r and r ^ s (the tree's
// two subtrees of size s) swap halves of the range they both hold and each sums the half it
// keeps. Returns the one segment rank r ends with, summed over [0, P).
segments reduce_scatter(MPI_Comm comm, int rank, int p, double* values, double* scratch,
                        segments held) noexcept {
  for (int s = 1; s < p; s *= 2) {
    const bool lower = (rank & s) == 0;
    const std::size_t mid = (held.lo + held.hi) / 2;
    segments keep = held, give = held;
    (lower ? keep.hi : keep.lo) = mid;
    (lower ? give.lo : give.hi) = mid;
    MPI_Sendrecv(values + give.begin(), give.size(), MPI_DOUBLE, rank ^ s, 1, scratch, keep.size(),
                 MPI_DOUBLE, rank ^ s, 1, comm, MPI_STATUS_IGNORE);
    add(values + keep.begin(), scratch, keep.size(), lower);
    held = keep;
  }
  return held;
}

// Allgather over ranks [0, P): the steps of reduce_scatter backwards, each rank swapping the range
// it holds for its partner's neighbouring one.
void allgather(MPI_Comm comm, int rank, int p, double* values, segments held) noexcept {
  for (int s = p / 2; s >= 1; s /= 2) {
    const std::size_t width = held.hi - held.lo;
    segments theirs = held;
    theirs.lo = (rank & s) == 0 ? held.hi : held.lo - width;
    theirs.hi = theirs.lo + width;
    MPI_Sendrecv(values + held.begin(), held.size(), MPI_DOUBLE, rank ^ s, 2,
                 values + theirs.begin(), theirs.size(), MPI_DOUBLE, rank ^ s, 2, comm,
                 MPI_STATUS_IGNORE);
    held.lo = held.lo < theirs.lo ? held.lo : theirs.lo;
    held.hi = held.lo + 2 * width;
  }
}

// The segment that rank r of [0, P) holds after reduce_scatter: r's bits reversed.
std::size_t segment_of(int rank, int p) noexcept {
  std::size_t j = 0;
  for (int s = 1; s < p; s *= 2) j = 2 * j + ((rank & s) != 0 ? 1 : 0);
  return j;
}

// Ranks [P, N), the tree's right subtree: its total (at rank P) goes to [0, P), segment by
// segment, for the tree's last addition; then the result comes back from rank - P.
void extra_rank(MPI_Comm comm, int rank, int p, int size, double* values, std::size_t count,
                double* scratch) noexcept {
  binomial_reduce(comm, rank, p, size - p, values, count, scratch);
  if (rank == p)
    for (int r = 0; r < p; ++r) {
      const std::size_t j = segment_of(r, p), parts = static_cast<std::size_t>(p);
      const segments seg{count, parts, j, j + 1};
      MPI_Send(values + seg.begin(), seg.size(), MPI_DOUBLE, r, 3, comm);
    }
  MPI_Recv(values, static_cast<int>(count), MPI_DOUBLE, rank - p, 4, comm, MPI_STATUS_IGNORE);
}

// The largest power of two <= size.
int power_below(int size) noexcept {
  int p = 1;
  while (p <= size / 2) p *= 2;
  return p;
}

int ceil_log2(int size) noexcept {
  int steps = 0;
  for (long long reach = 1; reach < size; reach *= 2) ++steps;
  return steps;
}

}  // namespace

// Modelled costs in bytes of transfer, a message's latency worth model_latency_bytes.
bool prefers_rabenseifner(std::size_t count, int ranks) noexcept {
  if (ranks < 2 || count < rabenseifner_min_count) return false;
  const double m = 8.0 * static_cast<double>(count), a = model_latency_bytes;
  const int p = power_below(ranks), extra = ranks - p;
  const double binomial = 2.0 * ceil_log2(ranks) * (a + m);
  double rabenseifner = 2.0 * ceil_log2(p) * a + 2.0 * (p - 1) / p * m;
  if (extra > 0)  // [P, N) up its tree, rank P's P segments, the result back
    rabenseifner += ceil_log2(extra) * (a + m) + p * a + m + a + m;
  return rabenseifner < binomial;
}

void rabenseifner_sum(MPI_Comm comm, double* values, std::size_t count, double* scratch) noexcept {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const int p = power_below(size);
  if (rank >= p) {
    extra_rank(comm, rank, p, size, values, count, scratch);
    return;
  }
  segments held = reduce_scatter(comm, rank, p, values, scratch,
                                 segments{count, static_cast<std::size_t>(p), 0,
                                          static_cast<std::size_t>(p)});
  if (size > p) {  // the tree's top addition: [0, P)'s total + [P, N)'s
    MPI_Recv(scratch, held.size(), MPI_DOUBLE, p, 3, comm, MPI_STATUS_IGNORE);
    add(values + held.begin(), scratch, held.size(), true);
  }
  allgather(comm, rank, p, values, held);
  if (rank + p < size) MPI_Send(values, static_cast<int>(count), MPI_DOUBLE, rank + p, 4, comm);
}

}  // namespace tinykm::mpi::detail
