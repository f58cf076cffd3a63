// A progress line on stderr, redrawn in place: on a terminal once a task has run for half a
// second (short fits print nothing), or from the start when forced (`--progress`, for logs and
// tests). Every line ends with the elapsed time. finish() erases it, and so does Ctrl-C: while
// a line is shown, SIGINT erases it and then ends the tool as SIGINT would (the shell sees 130).
#pragma once

#include <chrono>
#include <string>

namespace tinykm_cli {

class progress_line {
 public:
  explicit progress_line(bool force = false);
  ~progress_line() { finish(); }
  progress_line(const progress_line&) = delete;
  progress_line& operator=(const progress_line&) = delete;
  bool enabled() const { return enabled_; }
  // Draws "<text>, <elapsed> s" (at most ten times a second).
  void show(const std::string& text);
  void finish();

 private:
  using clock = std::chrono::steady_clock;
  bool enabled_;
  bool forced_;
  bool drawn_ = false;
  clock::time_point start_;
  clock::time_point last_;
};

}  // namespace tinykm_cli
