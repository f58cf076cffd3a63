// The progress line of long fits: restart r/N, iteration i/max_iter, inertia and elapsed time,
// redrawn in place on stderr and erased at the end; Ctrl-C (SIGINT) erases it too and ends the
// tool by SIGINT, as Unix tools end (a shell reports 130).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "cli_harness.hpp"
#include "test_support.hpp"

namespace {

const std::string clear_line = "\r\033[K";

std::string uniform_file(const cli::scratch& s, std::size_t n, std::size_t d) {
  tkt::rng r(11);
  std::vector<float> v(n * d);
  for (float& x : v) x = static_cast<float>(r.uniform(-1.0, 1.0));
  cli::spit(s.path("d.npy"), cli::npy_f32(v, n, d));
  return s.path("d.npy");
}

}  // namespace

TEST_CASE("fit --progress shows restart, iteration, inertia and time, then erases the line",
          "[cli][progress]") {
  const cli::scratch s("progress");
  const std::string data = uniform_file(s, 2000, 3);
  const cli::result r = s.run("fit " + data + " -k 8 --n-init 3 --max-iter 50 --progress -o " +
                              s.path("m.tkm"));
  REQUIRE(r.code == 0);
  INFO(r.err);
  CHECK(r.err.compare(0, clear_line.size() + 23, clear_line + "fit: restart 1/3, itera") == 0);
  CHECK(r.err.find("/50, inertia ") != std::string::npos);
  CHECK(r.err.find(" s" + clear_line) != std::string::npos);  // the elapsed time ends each line
  CHECK(r.err.size() >= clear_line.size());
  CHECK(r.err.compare(r.err.size() - clear_line.size(), clear_line.size(), clear_line) == 0);
  CHECK(r.out.find("model written to") != std::string::npos);
  // Without --progress, and stderr no terminal: nothing on stderr.
  CHECK(s.run("fit " + data + " -k 8 --n-init 3 -o " + s.path("m.tkm")).err.empty());
}

TEST_CASE("Ctrl-C during a fit erases the progress line and ends the tool by SIGINT",
          "[cli][progress]") {
  const cli::scratch s("progress_interrupt");
  const std::string data = uniform_file(s, 20000, 4);
  const std::string err = s.path("stderr.txt");
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {  // the tool, SIGINT at its default action, stderr to a file
    signal(SIGINT, SIG_DFL);
    const int fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, STDERR_FILENO);
    const std::string model = s.path("m.tkm");
    execl(TINYKM_CLI_PATH, TINYKM_CLI_PATH, "fit", data.c_str(), "-k", "16", "--n-init", "100000",
          "--progress", "-o", model.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait for the first progress line (at most 20 s), then interrupt.
  bool shown = false;
  for (int i = 0; i < 400 && !shown; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    shown = cli::slurp(err).find("fit: restart") != std::string::npos;
  }
  CHECK(shown);
  kill(pid, SIGINT);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGINT));
  const std::string said = cli::slurp(err);
  INFO(said);
  REQUIRE(said.size() >= clear_line.size());
  CHECK(said.compare(said.size() - clear_line.size(), clear_line.size(), clear_line) == 0);
  CHECK(!std::filesystem::exists(s.path("m.tkm")));
}
