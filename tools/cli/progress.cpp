#include "progress.hpp"

#include <cstdio>

#include <unistd.h>

namespace tinykm_cli {

progress_line::progress_line()
    : enabled_(isatty(STDERR_FILENO) == 1), start_(clock::now()), last_(start_) {}

void progress_line::show(const std::string& text) {
  if (!enabled_) return;
  const clock::time_point now = clock::now();
  if (now - start_ < std::chrono::milliseconds(500) || now - last_ < std::chrono::milliseconds(100))
    return;
  last_ = now;
  std::fprintf(stderr, "\r\033[K%s", text.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void progress_line::finish() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
  drawn_ = false;
}

}  // namespace tinykm_cli
