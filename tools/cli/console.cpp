#include "console.hpp"

#include <cerrno>
#include <cstdarg>
#include <cstring>

namespace tinykm_cli {

namespace {

int first_error = 0;  // errno of stdout's first failed write
bool data_on_stdout = false;

void remember(std::FILE* to) {
  if (to == stdout && first_error == 0) first_error = errno != 0 ? errno : EIO;
}

}  // namespace

void print_to(std::FILE* to, const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  errno = 0;
  if (std::vfprintf(to, format, args) < 0) remember(to);
  va_end(args);
}

std::FILE* summary_file() { return data_on_stdout ? stderr : stdout; }

void stdout_holds_data() { data_on_stdout = true; }

void put(const std::string& text) {
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) remember(stdout);
}

bool finish_stdout(std::string& error) {
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) remember(stdout);
  errno = 0;
  // EBADF: stdout was closed before we started and nothing was written (the flush passed).
  if (std::fclose(stdout) != 0 && errno != EBADF) remember(stdout);
  if (first_error == 0) return true;
  error = std::string("writing to standard output: ") + std::strerror(first_error);
  return false;
}

}  // namespace tinykm_cli
