// tinykm-mpi fit on 2 ranks writes the same model file, byte for byte, as tinykm fit with the same
// seed and random init, on integer-valued data (.npy written here); with --weights too. Then a
// truncated .npy, and headers whose shape overflows size_t, give tinykm fit's one error line
// ("truncated data") and exit status 1, not an abort.
//   test_mpi_cli TINYKM TINYKM_MPI WORK MPIEXEC [MPIEXEC FLAGS...]
#include <sys/wait.h>

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

// The exit status of a shell command (-1 if it did not exit).
int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

// A version 1.0 .npy header (float32, C order) with any shape text, then `data`.
std::string npy_with_shape(const std::string& shape, const std::string& data) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
  while ((10 + dict.size() + 1) % 64 != 0) dict += ' ';
  dict += '\n';
  return std::string("\x93NUMPY\x01\x00", 8) + static_cast<char>(dict.size() & 0xff) +
         static_cast<char>(dict.size() >> 8) + dict + data;
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
  // 2^61 rows of 4 floats (or 3 rows of 2^61 + 1) is 2^64 bytes and more: size_t wraps.
  for (const char* shape : {"(2305843009213693952, 4)", "(3, 6148914691236517206)"}) {
    const std::string file = work + "/overflow.npy", err = work + "/overflow.err";
    check(tinykm_cli::write_file(file, npy_with_shape(shape, bytes.substr(0, 48)), error), error);
    for (const std::string& tool_command : {tool + " fit ", mpiexec + mpi_tool + " fit "}) {
      const int code = exit_code(run(tool_command + file + " -k 2 -o " + work + "/x.tkm 2>" + err));
      const std::string said = read_or_empty(err);
      std::printf("%s", said.c_str());
      check(code == 1, std::string("shape ") + shape + ": exit status 1, got " + std::to_string(code));
      check(said.find("overflow.npy: truncated data: the header promises") != std::string::npos,
            std::string("shape ") + shape + ": says 'truncated data'");
    }
  }
  std::printf("%s\n", failures == 0 ? "all passed" : "FAILED");
  return failures == 0 ? 0 : 1;
}
