#include "image_io.hpp"

#include <cctype>
#include <climits>
#include <cstdio>

#include "file_bytes.hpp"

#if TINYKM_CLI_HAVE_STB
#include <stb_image.h>
#include <stb_image_write.h>
#endif

namespace tinykm_cli {

namespace {

enum class image_type { png, jpeg, bmp, tga, unknown };

[[maybe_unused]] const char writable[] = ".png, .jpg (or .jpeg), .bmp or .tga, or - (PNG on standard output)";

[[maybe_unused]] image_type type_of(const std::string& path) {
  if (path == "-") return image_type::png;
  const std::size_t dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? std::string() : path.substr(dot);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".png"                     ? image_type::png
         : ext == ".jpg" || ext == ".jpeg" ? image_type::jpeg
         : ext == ".bmp"                   ? image_type::bmp
         : ext == ".tga"                   ? image_type::tga
                                           : image_type::unknown;
}

}  // namespace

#if TINYKM_CLI_HAVE_STB

bool load_image(const std::string& path, rgb_image& image, std::string& error) {
  std::string bytes;
  if (!read_file(path, bytes, error)) return false;
  const std::string name = path == "-" ? "standard input" : path;
  if (bytes.size() > INT_MAX) {
    error = name + ": too large an image file for stb_image";
    return false;
  }
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels =
      stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()), &w, &h, &channels, 3);
  if (pixels == nullptr) {
    error = name + ": cannot read the image (" + stbi_failure_reason() + ")";
    return false;
  }
  image.width = w;
  image.height = h;
  image.pixels.assign(pixels, pixels + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  stbi_image_free(pixels);
  return true;
}

bool check_image_name(const std::string& path, std::string& error) {
  if (type_of(path) != image_type::unknown) return true;
  error = path + ": cannot tell the image format from the name (tinykm writes " + writable + ")";
  return false;
}

bool save_image(const std::string& path, const rgb_image& image, std::string& error) {
  if (!check_image_name(path, error)) return false;
  // Encoded in memory, then written as every other output is (write_file: atomic, checked).
  std::string bytes;
  const auto append = [](void* to, void* data, int size) {
    static_cast<std::string*>(to)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  const int w = image.width, h = image.height;
  const unsigned char* p = image.pixels.data();
  int ok = 0;
  switch (type_of(path)) {
    case image_type::png: ok = stbi_write_png_to_func(append, &bytes, w, h, 3, p, w * 3); break;
    case image_type::jpeg: ok = stbi_write_jpg_to_func(append, &bytes, w, h, 3, p, 95); break;
    case image_type::bmp: ok = stbi_write_bmp_to_func(append, &bytes, w, h, 3, p); break;
    case image_type::tga: ok = stbi_write_tga_to_func(append, &bytes, w, h, 3, p); break;
    case image_type::unknown: break;
  }
  if (ok == 0) {
    error = path + ": cannot encode the image";
    return false;
  }
  return write_file(path, bytes, error);
}

#else  // built without Debian's libstb-dev

bool load_image(const std::string&, rgb_image&, std::string& error) {
  error = "this tinykm was built without libstb-dev: no image support";
  return false;
}

bool check_image_name(const std::string& path, std::string& error) {
  error = path + ": this tinykm was built without libstb-dev: it writes no images";
  return false;
}

bool save_image(const std::string& path, const rgb_image& image, std::string& error) {
  static_cast<void>(image);
  return check_image_name(path, error);
}

#endif

}  // namespace tinykm_cli
