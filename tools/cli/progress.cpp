#include "progress.hpp"

#include <csignal>
#include <cstdio>

#include <unistd.h>

namespace tinykm_cli {

namespace {

// Whether a progress line is on the screen, for the signal handler.
volatile std::sig_atomic_t line_shown = 0;

// Async-signal-safe: write(), signal() and raise() only. The default action then ends the
// process by SIGINT, so a calling shell or script sees an interrupt (status 130), not an error.
extern "C" void on_interrupt(int sig) {
  if (line_shown != 0) {
    static const char clear[] = "\r\033[K";
    const ssize_t ignored = ::write(STDERR_FILENO, clear, sizeof clear - 1);
    static_cast<void>(ignored);
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// As Unix tools do, SIGINT stays ignored when the tool was started with it ignored (a
// background job of a non-interactive shell).
void catch_interrupt() {
  struct sigaction old {};
  if (::sigaction(SIGINT, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) return;
  struct sigaction act {};
  act.sa_handler = on_interrupt;
  sigemptyset(&act.sa_mask);
  ::sigaction(SIGINT, &act, nullptr);
}

}  // namespace

progress_line::progress_line(bool force)
    : enabled_(force || isatty(STDERR_FILENO) == 1), forced_(force), start_(clock::now()),
      last_(start_ - std::chrono::seconds(1)) {
  if (enabled_) catch_interrupt();
}

void progress_line::show(const std::string& text) {
  if (!enabled_) return;
  const clock::time_point now = clock::now();
  if ((!forced_ && now - start_ < std::chrono::milliseconds(500)) ||
      now - last_ < std::chrono::milliseconds(100))
    return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  line_shown = 1;  // first: an interrupt during the write still clears what was written
  std::fprintf(stderr, "\r\033[K%s, %.1f s", text.c_str(), seconds);
  std::fflush(stderr);
  drawn_ = true;
}

void progress_line::finish() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
  line_shown = 0;
}

}  // namespace tinykm_cli
