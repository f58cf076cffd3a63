// What the three C++ runners of bench/compare share: the command line, loading the files
// gen_data.py wrote, a clock, and the one-line JSON each run prints.
//
// Command line of every runner (the Python one too):
//   <runner> lloyd PREFIX N D K REPS OUTDIR   time 10 Lloyd iterations from PREFIX.init.f32
//   <runner> fit   PREFIX N D K OUTDIR        default init, 10 restarts; write the centres
// Every run prints one JSON object per line on stdout and writes final centres as
// OUTDIR/<lib>[-<variant>].<mode>.f32 (k x d float32) for the driver's common inertia function.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

namespace compare {

struct problem {
  std::string prefix, outdir;
  std::size_t n = 0, d = 0, k = 0;
  int reps = 3;
  std::vector<float> points;          // n x d
  std::vector<float> init;            // k x d, the common initial centroids
  std::vector<std::int32_t> labels0;  // n, nearest initial centroid (for OpenCV)
};

template <class T>
inline std::vector<T> read_file(const std::string& path, std::size_t count) {
  std::vector<T> v(count);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f || std::fread(v.data(), sizeof(T), count, f) != count) {
    std::fprintf(stderr, "cannot read %zu values from %s\n", count, path.c_str());
    std::exit(2);
  }
  std::fclose(f);
  return v;
}

inline void write_f32(const std::string& path, const float* data, std::size_t count) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(data, sizeof(float), count, f) != count) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(2);
  }
  std::fclose(f);
}

// Parses the command line above and loads the data; returns the mode ("lloyd" or "fit").
inline std::string load(int argc, char** argv, problem& p) {
  const std::string mode = argc > 1 ? argv[1] : "";
  const bool lloyd = mode == "lloyd" && argc == 8;
  if (!lloyd && !(mode == "fit" && argc == 7)) {
    std::fprintf(stderr, "usage: %s lloyd PREFIX N D K REPS OUTDIR | fit PREFIX N D K OUTDIR\n",
                 argv[0]);
    std::exit(2);
  }
  p.prefix = argv[2];
  p.n = std::strtoull(argv[3], nullptr, 10);
  p.d = std::strtoull(argv[4], nullptr, 10);
  p.k = std::strtoull(argv[5], nullptr, 10);
  if (lloyd) p.reps = std::atoi(argv[6]);
  p.outdir = argv[lloyd ? 7 : 6];
  p.points = read_file<float>(p.prefix + ".f32", p.n * p.d);
  p.init = read_file<float>(p.prefix + ".init.f32", p.k * p.d);
  p.labels0 = read_file<std::int32_t>(p.prefix + ".labels.i32", p.n);
  return mode;
}

// The clock of every timing: this process's CPU time, not wall time. Every runner works on one
// thread, so the two agree on an idle machine; on a shared one (this project's 2 vCPUs, with
// other jobs compiling) CPU time leaves out the slices the scheduler gives to other processes,
// which wall time would charge at random to whichever library was running.
inline double now_s() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

inline std::string json_list(const std::vector<double>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.6f", i ? ", " : "", v[i]);
    s += buf;
  }
  return s + "]";
}

// One timing result. lo_iters/hi_iters: Lloyd iterations (assignment + update) the two timed
// calls run; the driver reports (median(t_hi) - median(t_lo)) / (hi_iters - lo_iters), which
// cancels every per-call cost (validation, copies, set-up, a final labelling pass).
// ran_hi: iterations the hi call really ran (-1: the library does not say); converged: it
// stopped early on exact convergence (then the result is flagged); empty: empty clusters the hi
// call met and repaired (-1: the library does not say); extra: more ", \"key\": value" pairs.
inline void print_lloyd(const char* lib, const std::string& variant, int lo_iters, int hi_iters,
                        const std::vector<double>& t_lo, const std::vector<double>& t_hi,
                        int ran_hi, bool converged, int empty, const std::string& centroids_path,
                        const std::string& extra = "") {
  std::printf(
      "{\"lib\": \"%s\", \"variant\": \"%s\", \"mode\": \"lloyd\", \"lo_iters\": %d, "
      "\"hi_iters\": %d, \"t_lo\": %s, \"t_hi\": %s, \"ran_hi\": %d, \"converged\": %s, "
      "\"empty\": %d, \"centroids\": \"%s\"%s}\n",
      lib, variant.c_str(), lo_iters, hi_iters, json_list(t_lo).c_str(), json_list(t_hi).c_str(),
      ran_hi, converged ? "true" : "false", empty, centroids_path.c_str(), extra.c_str());
  std::fflush(stdout);
}

// extra: more ", \"key\": value" pairs for the object (e.g. tinykm's seeding time).
inline void print_fit(const char* lib, const std::string& variant, double seconds,
                      const std::string& settings, const std::string& centroids_path,
                      const std::string& extra = "") {
  std::printf(
      "{\"lib\": \"%s\", \"variant\": \"%s\", \"mode\": \"fit\", \"seconds\": %.6f, "
      "\"settings\": \"%s\", \"centroids\": \"%s\"%s}\n",
      lib, variant.c_str(), seconds, settings.c_str(), centroids_path.c_str(), extra.c_str());
  std::fflush(stdout);
}

}  // namespace compare
