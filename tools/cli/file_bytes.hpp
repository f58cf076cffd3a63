// Whole-file reads and writes with one-line error messages ("path: reason").
#pragma once

#include <string>

namespace tinykm_cli {

bool read_file(const std::string& path, std::string& bytes, std::string& error);
bool write_file(const std::string& path, const std::string& bytes, std::string& error);
bool ends_with(const std::string& text, const char* suffix);

}  // namespace tinykm_cli
