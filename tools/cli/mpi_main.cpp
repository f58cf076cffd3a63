// tinykm-mpi: `tinykm fit` on MPI. Run under mpirun -np N: each rank reads only its own row range
// of a .npy file (offsets from the header, positioned reads), the ranks fit together
// (tinykm::mpi::fit), and rank 0 writes the model and prints the summary `tinykm fit` prints.
// --n-init and --seed go to the library as in `tinykm fit`, so with random init on integer-valued
// data the model file is byte for byte the one `tinykm fit` writes.
#include <mpi.h>

#include <chrono>
#include <csignal>
#include <climits>
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "console.hpp"
#include "fit_options.hpp"
#include "memory.hpp"
#include "model_file.hpp"
#include "npy_rows.hpp"
#include "tinykm/mpi.hpp"

namespace {

using namespace tinykm_cli;

const command_spec& mpi_fit_spec() {
  static const command_spec spec{
      "fit", "DATA.npy", 1,
      "Clusters DATA.npy (float32/float64) on every MPI rank together and saves the model.",
      "Run under mpirun -np N. Rank r reads rows [n r / N, n (r + 1) / N) of the file. k-means++\n"
      "means k-means|| here; random init draws the rows `tinykm fit` draws. --n-init restarts\n"
      "seeded from --seed as the library's fit() seeds them; the lowest inertia wins. Rank 0\n"
      "writes the model.",
      fit_options({})};
  return spec;
}

// Every rank's success -> one answer; the lowest failing rank prints its message.
bool all_ok(bool ok, const std::string& error, int rank) {
  const int mine = ok ? INT_MAX : rank;
  int first = INT_MAX;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (first == rank) fail(error);
  return first == INT_MAX;
}

// This rank's rows of the data file and, with --weights, of the weights file.
bool read_shard_rows(const parsed_args& args, int rank, int ranks, npy_layout& layout,
                     matrix& data, matrix& weights, std::string& error) {
  const std::string& path = args.positionals[0];
  if (!read_npy_layout(path, layout, error)) return false;
  const auto r = static_cast<std::size_t>(rank), n = static_cast<std::size_t>(ranks);
  const std::size_t begin = layout.rows * r / n, end = layout.rows * (r + 1) / n;
  if (!read_npy_rows(path, layout, begin, end, data, error)) return false;
  data.cols = layout.cols;
  if (!args.has("--weights")) return true;
  const std::string& wpath = args.values.at("--weights");
  npy_layout wl{};
  if (!read_npy_layout(wpath, wl, error)) return false;
  if (wl.rows * wl.cols != layout.rows || (wl.rows != 1 && wl.cols != 1)) {
    error = wpath + ": expected " + std::to_string(layout.rows) + " weights (one per data row)";
    return false;
  }
  wl.rows = wl.rows * wl.cols;  // a row of weights reads as a column
  wl.cols = 1;
  return read_npy_rows(wpath, wl, begin, end, weights, error);
}

// Runs `body` (which allocates), an exception becoming its message in `error`: a rank that
// cannot allocate must still join the all_ok() the other ranks wait in.
template <typename Body>
bool allocating(const char* what, std::string& error, Body body) {
  try {
    return body();
  } catch (...) {
    error = exception_message(what);
  }
  return false;
}

bool read_shard(const parsed_args& args, int rank, int ranks, npy_layout& layout, matrix& data,
                matrix& weights, std::string& error) {
  return allocating("fit", error,
                    [&] { return read_shard_rows(args, rank, ranks, layout, data, weights, error); });
}

int run_fit(const parsed_args& args, int rank, int ranks) {
  std::string error;
  tinykm::fit_params params;
  thread_option threads;
  bool ok = parse_fit_params(args, params, error) && threads.parse(args, error);
  if (ok && params.init == tinykm::init_method::farthest_point) {
    error = "--init farthest is not available on MPI (k-means++ or random)";
    ok = false;
  }
  if (ok && !args.has("--output")) {
    error = "fit needs -o MODEL (where to write the model)";
    ok = false;
  }
  ok = ok && check_outputs({args.positionals[0], args.text("--weights", "")},
                           {args.values.at("--output")}, error);
  npy_layout layout{};
  matrix data, weights;
  ok = ok && read_shard(args, rank, ranks, layout, data, weights, error);
  if (!all_ok(ok, error, rank)) return 1;
  if (params.k > layout.rows) {
    if (rank == 0) fail("-k " + std::to_string(params.k) + " is more than the " + std::to_string(layout.rows) + " rows");
    return 1;
  }
  params.parallel = threads.parallel();

  const auto start = std::chrono::steady_clock::now();
  const float* w = weights.values.empty() ? nullptr : weights.values.data();
  std::vector<float> best_centroids;
  std::vector<unsigned char> workspace;
  // The library's restarts, as `tinykm fit` runs them: the same n_init and seed.
  const std::size_t bytes = tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, params, data.rows, layout.cols);
  ok = allocating("fit", error, [&] {
    allocate(best_centroids, params.k, layout.cols, "the centres");
    guard_allocation("the fit's workspace", static_cast<double>(bytes), [&] { workspace.resize(bytes); });
    return true;
  });
  if (!all_ok(ok, error, rank)) return 1;
  tinykm::fit_result best{};
  tinykm::model_view fitted{best_centroids.data(), best_centroids.size(), 0, 0};
  const tinykm::status s = tinykm::mpi::fit(MPI_COMM_WORLD, data.values.data(), data.rows, layout.cols,
                                            w, params, fitted, workspace.data(), workspace.size(), &best);
  if (s != tinykm::status::ok) {  // the same status on every rank
    if (rank == 0) fail(library_error("fit", s));
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  int code = 0;
  if (rank == 0) {
    const std::string& model_path = args.values.at("--output");
    const tinykm::model_view model{best_centroids.data(), best_centroids.size(), params.k, layout.cols};
    if (!save_model_file(model_path, model, error)) {
      code = fail(error);
    } else {
      fit_report report{args.positionals[0], layout.rows, layout.cols, params, best, seconds,
                        model_path, "", 0, nullptr, ranks};
      print_fit_report(report, args.has("--json"));
    }
  }
  MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return code;
}

int run(int argc, char** argv, int rank, int ranks) {
  if (argc == 2 && std::string(argv[1]) == "--version") {
    if (rank == 0) print_to(stdout, "tinykm %s\n", tool_version());
    return 0;
  }
  if (argc < 2 || std::string(argv[1]) != "fit") {
    if (rank == 0) std::fprintf(stderr, "usage: mpirun -np N tinykm-mpi fit DATA.npy -k K -o MODEL (--help)\n");
    return 2;
  }
  parsed_args args;
  std::string error;
  if (!parse_args(mpi_fit_spec(), argc - 2, argv + 2, args, error)) {
    if (rank == 0) fail(error);
    return 1;
  }
  if (args.help) {
    if (rank == 0) print_help(mpi_fit_spec(), stdout);
    return 0;
  }
  try {
    return run_fit(args, rank, ranks);
  } catch (...) {  // not caught on every rank alike: the others may wait in a collective
    report_exception("fit");
    MPI_Abort(MPI_COMM_WORLD, 1);
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  std::signal(SIGXFSZ, SIG_IGN);  // past a file size limit, a write fails and says so
  const int code = finish(run(argc, argv, rank, ranks));
  MPI_Finalize();
  return code;
}
