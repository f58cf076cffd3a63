// tinykm-mpi fit on 2 ranks writes the same model file, byte for byte, as tinykm fit with the same
// seed and random init, on integer-valued data (.npy written here); with --weights too. Then a
// truncated .npy gives one error line and a non-zero exit on every rank.
//   test_mpi_cli TINYKM TINYKM_MPI WORK MPIEXEC [MPIEXEC FLAGS...]
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "file_bytes.hpp"
#include "npy.hpp"

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (ok) return;
  ++failures;
  std::fprintf(stderr, "FAILED: %s\n", what.c_str());
}

int run(const std::string& command) {
  std::printf("$ %s\n", command.c_str());
  std::fflush(stdout);
  return std::system(command.c_str());
}

std::string read_or_empty(const std::string& path) {
  std::string bytes, error;
  return tinykm_cli::read_file(path, bytes, error) ? bytes : std::string();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: test_mpi_cli TINYKM TINYKM_MPI WORK MPIEXEC [FLAGS...]\n");
    return 2;
  }
  const std::string tool = argv[1], mpi_tool = argv[2], work = argv[3];
  std::string mpiexec;
  for (int i = 4; i < argc; ++i) mpiexec += std::string(argv[i]) + " ";
  std::string error;
  check(std::system(("mkdir -p " + work).c_str()) == 0, "mkdir " + work);

  const std::size_t n = 2001, d = 4;
  std::mt19937 gen(5);
  std::uniform_int_distribution<int> noise(-2, 2), weight(1, 4);
  std::vector<float> points(n * d), weights(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j)
      points[i * d + j] = static_cast<float>(30 * static_cast<int>((i + j) % 5) + noise(gen));
    weights[i] = static_cast<float>(weight(gen));
  }
  const std::string data = work + "/data.npy", wfile = work + "/weights.npy";
  check(tinykm_cli::write_file(data, tinykm_cli::npy_bytes(points.data(), n, d), error), error);
  check(tinykm_cli::write_file(wfile, tinykm_cli::npy_bytes(weights.data(), n, 1), error), error);

  for (const std::string& extra : {std::string(), " --weights " + wfile}) {
    const std::string options = " -k 5 --init random --seed 3 --n-init 2" + extra;
    check(run(tool + " fit " + data + options + " -o " + work + "/single.tkm") == 0, "tinykm fit");
    check(run(mpiexec + mpi_tool + " fit " + data + options + " -o " + work + "/mpi.tkm") == 0,
          "tinykm-mpi fit");
    const std::string a = read_or_empty(work + "/single.tkm"), b = read_or_empty(work + "/mpi.tkm");
    check(!a.empty() && a == b, "the same model file" + extra);
  }

  const std::string bytes = read_or_empty(data);
  check(tinykm_cli::write_file(work + "/short.npy", bytes.substr(0, bytes.size() - 7), error), error);
  check(run(mpiexec + mpi_tool + " fit " + work + "/short.npy -k 5 -o " + work + "/x.tkm") != 0,
        "a truncated .npy fails");
  std::printf("%s\n", failures == 0 ? "all passed" : "FAILED");
  return failures == 0 ? 0 : 1;
}
