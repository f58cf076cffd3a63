// RGB images through Debian's stb (libstb-dev): any format stb_image reads in, PNG out.
#pragma once

#include <string>
#include <vector>

namespace tinykm_cli {

struct rgb_image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;  // 3 bytes per pixel, row by row
};

bool load_image(const std::string& path, rgb_image& image, std::string& error);
bool save_png(const std::string& path, const rgb_image& image, std::string& error);

}  // namespace tinykm_cli
