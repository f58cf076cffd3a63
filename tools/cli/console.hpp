// Everything the tools print on standard output goes through here, so that a failed write (a
// full disk, a closed pipe) is remembered with its reason and reported by finish_stdout(),
// instead of being lost.
#pragma once

#include <cstdio>
#include <string>

namespace tinykm_cli {

// printf to `to`; a failure on stdout is remembered.
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void print_to(std::FILE* to, const char* format, ...);
// Where summaries (text or --json) go: stdout, or stderr once an output is "-" (stdout then
// holds that output's bytes alone).
std::FILE* summary_file();
void stdout_holds_data();
// Text to stdout; a failure is remembered.
void put(const std::string& text);
// Flushes and closes stdout; false, with "writing to standard output: <reason>", if that or
// any earlier write failed.
bool finish_stdout(std::string& error);

}  // namespace tinykm_cli
