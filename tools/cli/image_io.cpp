#include "image_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "file_bytes.hpp"

#if TINYKM_CLI_HAVE_STB
#include <stb_image.h>
#include <stb_image_write.h>
#endif

namespace tinykm_cli {

#if TINYKM_CLI_HAVE_STB

bool load_image(const std::string& path, rgb_image& image, std::string& error) {
  // stb's own message for a missing file is "can't fopen": say why instead.
  std::FILE* probe = std::fopen(path.c_str(), "rb");
  if (probe == nullptr) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  std::fclose(probe);
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &w, &h, &channels, 3);
  if (pixels == nullptr) {
    error = path + ": cannot read the image (" + stbi_failure_reason() + ")";
    return false;
  }
  image.width = w;
  image.height = h;
  image.pixels.assign(pixels, pixels + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  stbi_image_free(pixels);
  return true;
}

bool save_png(const std::string& path, const rgb_image& image, std::string& error) {
  // Encoded in memory, then written as every other output is (write_file: atomic, checked).
  std::string png;
  const auto append = [](void* to, void* data, int size) {
    static_cast<std::string*>(to)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  if (stbi_write_png_to_func(append, &png, image.width, image.height, 3, image.pixels.data(),
                             image.width * 3) == 0) {
    error = path + ": cannot encode the PNG";
    return false;
  }
  return write_file(path, png, error);
}

#else  // built without Debian's libstb-dev

bool load_image(const std::string&, rgb_image&, std::string& error) {
  error = "this tinykm was built without libstb-dev: no image support";
  return false;
}

bool save_png(const std::string&, const rgb_image&, std::string& error) {
  error = "this tinykm was built without libstb-dev: no image support";
  return false;
}

#endif

}  // namespace tinykm_cli
