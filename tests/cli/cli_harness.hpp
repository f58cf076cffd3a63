// Runs the built `tinykm` tool from the CLI tests and writes the files it reads. Each test case
// works in its own folder (ctest runs test cases in parallel).
#pragma once

#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cli {

struct result {
  int code = -1;          // exit status; -1 (or, after a `shell` prefix, 128 + signal) when the
                          // tool died from a signal
  std::string out, err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

inline std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class scratch {
 public:
  explicit scratch(const std::string& name) : dir_(std::string(TINYKM_CLI_WORK) + "/" + name) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  std::string path(const std::string& file) const { return dir_ + "/" + file; }

  // `tinykm <args>` with stdout and stderr captured.
  result run(const std::string& args) const { return run_with("", args, path("stdout.txt")); }

  // `<shell>; tinykm <args> >stdout_path` (shell: e.g. "ulimit -f 1"; sh's units), stderr
  // captured, and stdout too if it went to a file here.
  result run_with(const std::string& shell, const std::string& args,
                  const std::string& stdout_path) const {
    std::filesystem::remove(path("stdout.txt"));
    // std::system's own sh runs `shell`, so a limit set there binds the tool alone.
    const std::string command = (shell.empty() ? std::string() : shell + "; ") + "\"" +
                                TINYKM_CLI_PATH + "\" " + args + " >\"" + stdout_path + "\" 2>\"" +
                                path("stderr.txt") + "\"";
    const int status = std::system(command.c_str());
    result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(path("stdout.txt"));
    r.err = slurp(path("stderr.txt"));
    return r;
  }

 private:
  std::string dir_;
};

// A .npy file with any header fields (to write bad ones too) and raw data bytes.
inline std::string npy_file(const std::string& descr, const std::string& fortran,
                            const std::string& shape, const void* data, std::size_t bytes) {
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran +
                     ", 'shape': " + shape + ", }";
  while ((10 + dict.size() + 1) % 64 != 0) dict += ' ';
  dict += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(dict.size() & 0xff);
  out += static_cast<char>(dict.size() >> 8);
  out += dict;
  out.append(static_cast<const char*>(data), bytes);
  return out;
}

inline std::string npy_f32(const std::vector<float>& v, std::size_t rows, std::size_t cols) {
  return npy_file("<f4", "False", "(" + std::to_string(rows) + ", " + std::to_string(cols) + ")",
                  v.data(), v.size() * sizeof(float));
}

// The int32 values of a 1.0 .npy file the tool wrote ("<i4"); empty if it is not one.
inline std::vector<std::int32_t> read_npy_i32(const std::string& path) {
  const std::string bytes = slurp(path);
  if (bytes.size() < 10 || bytes.find("'<i4'") == std::string::npos) return {};
  const std::size_t header = static_cast<unsigned char>(bytes[8]) |
                             static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8;
  std::vector<std::int32_t> v((bytes.size() - 10 - header) / 4);
  std::memcpy(v.data(), bytes.data() + 10 + header, v.size() * 4);
  return v;
}

inline std::string csv(const std::vector<float>& v, std::size_t cols) {
  std::ostringstream s;
  s.precision(9);
  for (std::size_t i = 0; i < v.size(); ++i) s << v[i] << (i % cols + 1 == cols ? "\n" : ",");
  return s.str();
}

}  // namespace cli
