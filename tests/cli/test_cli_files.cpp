// Outputs: every file the tool writes replaces the old one whole or not at all (a temporary file
// renamed over it); an output never overwrites an input; a failed write on stdout is an error
// that says so, for every command that prints.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cli_harness.hpp"

namespace {

std::vector<float> grid(std::size_t n, std::size_t d) {
  std::vector<float> v(n * d);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>((i * 7919) % 101);
  return v;
}

// The names in a folder, sorted.
std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("a write that fails midway leaves the old file byte for byte", "[cli][files]") {
  const cli::scratch s("atomic");
  // 2000 x 32 values: the model (k = 16), the plot, the labels and the distances are all over
  // 1 kB (the model of the fit with --plot, k = 2, is not).
  cli::spit(s.path("d.npy"), cli::npy_f32(grid(2000, 32), 2000, 32));
  const std::string d = s.path("d.npy"), m = s.path("m.tkm");
  REQUIRE(s.run("fit " + d + " -k 16 -o " + m).code == 0);
  const std::vector<std::pair<std::string, std::string>> writes = {
      {"m.tkm", "fit " + d + " -k 16 --seed 9 -o " + m},
      {"plot.svg", "fit " + d + " -k 2 -o " + s.path("m2.tkm") + " --plot " + s.path("plot.svg")},
      {"labels.npy", "predict " + m + " " + d + " -o " + s.path("labels.npy")},
      {"labels.csv", "predict " + m + " " + d + " -o " + s.path("labels.csv")},
      {"dist.npy", "transform " + m + " " + d + " -o " + s.path("dist.npy")}};
  for (const auto& w : writes) {
    INFO(w.second);
    if (w.first != "m.tkm") REQUIRE(s.run(w.second).code == 0);
    const std::string before = cli::slurp(s.path(w.first));
    REQUIRE(before.size() > 1024);
    const std::vector<std::string> listing = files_in(s.path(""));
    // A file size limit of 2 blocks (1 kB in sh's 512-byte units) stops the write midway.
    const cli::result r = s.run_with("ulimit -f 2", w.second, s.path("stdout.txt"));
    CHECK(r.code == 1);
    CHECK(r.err == "tinykm: " + s.path(w.first) + ": cannot write: File too large\n");
    CHECK(cli::slurp(s.path(w.first)) == before);
    CHECK(files_in(s.path("")) == listing);
  }
  // A folder that does not exist: one line, nothing written.
  const cli::result r = s.run("fit " + d + " -k 2 -o " + s.path("no/such/m.tkm"));
  CHECK(r.code == 1);
  CHECK(r.err.find("no/such/m.tkm: cannot create a temporary file beside it") != std::string::npos);
}

TEST_CASE("a rewritten file keeps its mode and links, and a device is written in place", "[cli][files]") {
  const cli::scratch s("atomic_mode");
  cli::spit(s.path("d.npy"), cli::npy_f32(grid(20, 2), 20, 2));
  const std::string m = s.path("m.tkm");
  REQUIRE(s.run("fit " + s.path("d.npy") + " -k 2 -o " + m).code == 0);
  std::filesystem::permissions(m, std::filesystem::perms(0640));
  REQUIRE(s.run("fit " + s.path("d.npy") + " -k 3 -o " + m).code == 0);
  CHECK(std::filesystem::status(m).permissions() == std::filesystem::perms(0640));
  // Through a symbolic link: the link stays, its target is replaced.
  std::filesystem::create_symlink(m, s.path("link.tkm"));
  REQUIRE(s.run("fit " + s.path("d.npy") + " -k 4 -o " + s.path("link.tkm")).code == 0);
  CHECK(std::filesystem::is_symlink(s.path("link.tkm")));
  CHECK(s.run("info " + m).out.find("k = 4 ") != std::string::npos);
  CHECK(s.run("predict " + m + " " + s.path("d.npy") + " -o /dev/null").code == 0);
  // /dev/stdout with stdout on a file: that file is written, not replaced by a new one.
  cli::spit(s.path("out.txt"), "");
  std::filesystem::create_hard_link(s.path("out.txt"), s.path("same_out.txt"));
  CHECK(s.run_with("", "transform " + m + " " + s.path("d.npy") + " -o /dev/stdout", s.path("out.txt"))
            .code == 0);
  CHECK(std::filesystem::equivalent(s.path("out.txt"), s.path("same_out.txt")));
  CHECK(cli::count(cli::slurp(s.path("out.txt")), "\n") == 20);
  const cli::result full = s.run("predict " + m + " " + s.path("d.npy") + " -o /dev/full");
  CHECK(full.code == 1);
  CHECK(full.err == "tinykm: /dev/full: cannot write: No space left on device\n");
}

TEST_CASE("an output that is an input, or another output, is refused", "[cli][files]") {
  const cli::scratch s("same_file");
  cli::spit(s.path("d.npy"), cli::npy_f32(grid(20, 2), 20, 2));
  const std::string d = s.path("d.npy"), m = s.path("m.tkm");
  const std::string data = cli::slurp(d);
  REQUIRE(s.run("fit " + d + " -k 2 -o " + m).code == 0);
  const std::string model = cli::slurp(m);
  for (const std::string& args :
       {"fit " + d + " -k 2 -o " + d, "fit " + d + " -k 2 -o " + s.path("../same_file/d.npy"),
        "fit " + d + " -k 2 -o " + s.path("x.tkm") + " --plot " + d,
        "fit " + d + " -k 2 -o " + m + " --plot " + m, "predict " + m + " " + d + " -o " + m,
        "transform " + m + " " + d + " -o " + d}) {
    INFO(args);
    const cli::result r = s.run(args);
    CHECK(r.code == 1);
    CHECK(cli::count(r.err, "\n") == 1);
    CHECK(cli::slurp(d) == data);
    CHECK(cli::slurp(m) == model);
  }
}

TEST_CASE("every command that prints fails, and says why, when stdout cannot be written",
          "[cli][files]") {
  const cli::scratch s("stdout_full");
  cli::spit(s.path("d.npy"), cli::npy_f32(grid(3000, 4), 3000, 4));
  const std::string d = s.path("d.npy"), m = s.path("m.tkm");
  REQUIRE(s.run("fit " + d + " -k 3 -o " + m).code == 0);
  for (const std::string& args :
       {"fit " + d + " -k 3 -o " + m, "fit " + d + " -k 3 -o " + m + " --json",
        "predict " + m + " " + d,  // 3000 labels: more than stdout's buffer
        "predict " + m + " " + d + " -o " + s.path("l.npy"), "predict " + m + " " + d + " --json",
        "transform " + m + " " + d, "stream " + d + " -k 3 --reservoir 100",
        "stream " + d + " -k 3 --reservoir 100 --json", "info " + m, "info " + m + " --json",
        std::string("--help"), std::string("fit --help")}) {
    INFO(args);
    const cli::result r = s.run_with("", args, "/dev/full");
    CHECK(r.code == 1);
    CHECK(r.err == "tinykm: writing to standard output: No space left on device\n");
  }
}
