// A progress line on stderr, redrawn in place, only when stderr is a terminal and only once a
// task has run for half a second (short fits print nothing). finish() erases it.
#pragma once

#include <chrono>
#include <string>

namespace tinykm_cli {

class progress_line {
 public:
  progress_line();
  bool enabled() const { return enabled_; }
  void show(const std::string& text);
  void finish();

 private:
  using clock = std::chrono::steady_clock;
  bool enabled_;
  bool drawn_ = false;
  clock::time_point start_;
  clock::time_point last_;
};

}  // namespace tinykm_cli
