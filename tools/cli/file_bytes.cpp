#include "file_bytes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "console.hpp"
#include "memory.hpp"

namespace tinykm_cli {

namespace {

std::string reason(const std::string& path, const char* step) {
  return path + ": " + step + ": " + std::strerror(errno);
}

// All of `bytes` to fd, through short writes and signals.
bool write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// A device, pipe or socket: no temporary file beside it, just a checked write.
bool write_in_place(const std::string& path, const std::string& bytes, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) {
    error = reason(path, "cannot open");
    return false;
  }
  if (!write_all(fd, bytes)) {
    error = reason(path, "cannot write");
    ::close(fd);
    return false;
  }
  if (::close(fd) != 0) {
    error = reason(path, "cannot close");
    return false;
  }
  return true;
}

// The mode a file created by fopen() would have: 0666 less the umask.
mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

}  // namespace

bool read_file(const std::string& path, std::string& bytes, std::string& error) {
  const bool from_stdin = path == "-";
  std::FILE* f = from_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  bytes.clear();
  struct stat st {};
  const double size = ::fstat(::fileno(f), &st) == 0 ? static_cast<double>(st.st_size) : 0.0;
  try {
    guard_allocation("the contents of " + path, size, [&] {
      if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<std::size_t>(st.st_size));
      char buffer[1 << 16];
      std::size_t got = 0;
      while ((got = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, got);
    });
  } catch (...) {
    if (!from_stdin) std::fclose(f);
    throw;
  }
  const bool failed = std::ferror(f) != 0;
  if (failed) error = reason(from_stdin ? "standard input" : path, "cannot read");
  if (!from_stdin) std::fclose(f);
  return !failed;
}

bool write_file(const std::string& path_in, const std::string& bytes, std::string& error) {
  if (path_in == "-") {
    put(bytes);  // a failure is reported when stdout is closed
    return true;
  }
  std::string path = path_in;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {  // replace the link's target
    char target[PATH_MAX];
    if (::realpath(path.c_str(), target) != nullptr) path = target;
  }
  const bool exists = ::stat(path.c_str(), &st) == 0;
  // /dev/stdout and the like are aliases of open files: replacing what they name would cut
  // the tool's own stdout off from the file it writes.
  const bool alias = path_in.rfind("/dev/", 0) == 0 || path_in.rfind("/proc/", 0) == 0;
  if (exists && (alias || !S_ISREG(st.st_mode))) return write_in_place(path_in, bytes, error);

  // A short name in the same folder (rename() cannot cross file systems), whatever the target's.
  std::string temp = path.substr(0, path.rfind('/') + 1) + ".tinykm-XXXXXX";
  const int fd = ::mkstemp(&temp[0]);
  if (fd < 0) {
    error = reason(path_in, "cannot create a temporary file beside it");
    return false;
  }
  const char* failed = nullptr;
  if (::fchmod(fd, exists ? (st.st_mode & 07777) : new_file_mode()) != 0) failed = "cannot set its mode";
  else if (!write_all(fd, bytes)) failed = "cannot write";
  else if (::fsync(fd) != 0) failed = "cannot flush to disk";
  if (failed != nullptr) error = reason(path_in, failed);  // before close() changes errno
  if (::close(fd) != 0 && failed == nullptr) error = reason(path_in, failed = "cannot close");
  // Without a directory fsync a crash may undo the rename: then the old file is still whole.
  if (failed == nullptr && ::rename(temp.c_str(), path.c_str()) != 0)
    error = reason(path_in, failed = "cannot rename the temporary file over it");
  if (failed != nullptr) ::unlink(temp.c_str());
  return failed == nullptr;
}

bool ends_with(const std::string& text, const char* suffix) {
  const std::size_t n = std::strlen(suffix);
  return text.size() >= n && text.compare(text.size() - n, n, suffix) == 0;
}

}  // namespace tinykm_cli
