// Whole-file reads and writes with one-line error messages ("path: reason").
#pragma once

#include <string>

namespace tinykm_cli {

// "-" is standard input (read_file) and standard output (write_file).
bool read_file(const std::string& path, std::string& bytes, std::string& error);
// Every file the tools write goes through here. A regular file (or a new one) is replaced
// atomically: the bytes go to a temporary file in the same folder, which is flushed to disk
// (fsync), closed and renamed over `path`, each step checked; on any failure the temporary
// file is removed and the old file is left as it was. A path that names something else (a
// device such as /dev/null, a pipe), or any path under /dev/ or /proc/ (/dev/stdout), is
// written in place. A symbolic link is written through.
bool write_file(const std::string& path, const std::string& bytes, std::string& error);
bool ends_with(const std::string& text, const char* suffix);

}  // namespace tinykm_cli
