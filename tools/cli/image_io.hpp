// RGB images through Debian's stb (libstb-dev): any format stb_image reads in; out, the format
// the output's extension names (.png, .jpg/.jpeg, .bmp, .tga; "-": PNG on standard output).
#pragma once

#include <string>
#include <vector>

namespace tinykm_cli {

struct rgb_image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;  // 3 bytes per pixel, row by row
};

// "-" reads standard input.
bool load_image(const std::string& path, rgb_image& image, std::string& error);
// Whether save_image() can write `path` (its extension), before any work is done.
bool check_image_name(const std::string& path, std::string& error);
bool save_image(const std::string& path, const rgb_image& image, std::string& error);

}  // namespace tinykm_cli
