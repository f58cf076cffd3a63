// Colour quantisation, as in the k-means tutorials: 100,000 pixels drawn from a photo (the
// china.jpg that scikit-learn ships, when python3-sklearn is installed; else a generated
// picture) are clustered into 8 colours, and every pixel is repainted with its cluster's colour.
// Reports the Lloyd iterations k-means++ and random initialisation need from the same sample,
// writes the 8-colour PNG, and reads it back to check it.
//
//   tinykm_colour_quantisation [image] [out.png]
//
// Exits non-zero on any failure, or if the PNG written does not have at most 8 colours.
#include <cmath>
#include <cstdio>
#include <set>
#include <vector>

#include <stb_image.h>
#include <stb_image_write.h>

#include "tinykm/tinykm.hpp"

namespace {

constexpr std::size_t colours = 8;
constexpr std::size_t sample_size = 100000;

struct image {
  int width = 0, height = 0;
  std::vector<float> rgb;  // 3 floats in [0, 1] per pixel, as the tutorial scales them
};

bool load(const char* path, image& out) {
  int channels = 0;
  unsigned char* pixels = stbi_load(path, &out.width, &out.height, &channels, 3);
  if (pixels == nullptr) return false;
  const std::size_t n = static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3;
  out.rgb.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.rgb[i] = static_cast<float>(pixels[i]) / 255.0f;
  stbi_image_free(pixels);
  return true;
}

// A 640 x 427 stand-in: a sky gradient, a sun and hills.
image generated() {
  image out;
  out.width = 640;
  out.height = 427;
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const double t = y / 427.0;
      double r = 0.35 + 0.4 * t, g = 0.55 + 0.3 * t, b = 0.95 - 0.2 * t;
      if (std::hypot(x - 480.0, y - 110.0) < 55.0) {
        r = 1.0;
        g = 0.85;
        b = 0.3;
      }
      if (y > 300 + 40 * std::sin(x / 70.0)) {
        r = 0.2 + 0.1 * std::sin(x / 9.0);
        g = 0.5;
        b = 0.2;
      }
      for (const double v : {r, g, b}) out.rgb.push_back(static_cast<float>(v));
    }
  return out;
}

// Draws `count` distinct pixels with a fixed linear congruential shuffle (same sample every run).
std::vector<float> sample(const image& img, std::size_t count) {
  const std::size_t n = img.rgb.size() / 3;
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::uint64_t state = 42;
  std::vector<float> out;
  for (std::size_t i = 0; i < count; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const std::size_t j = i + static_cast<std::size_t>((state >> 33) % (n - i));
    std::swap(order[i], order[j]);
    for (std::size_t c = 0; c < 3; ++c) out.push_back(img.rgb[order[i] * 3 + c]);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "/usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg";
  const char* out_path = argc > 2 ? argv[2] : "quantised_8_colours.png";
  image img;
  if (load(path, img)) {
    std::printf("%s: %d x %d pixels\n", path, img.width, img.height);
  } else {
    img = generated();
    std::printf("%s not readable: using a generated %d x %d picture\n", path, img.width, img.height);
  }
  const std::size_t n = img.rgb.size() / 3;
  const std::size_t m = n < sample_size ? n : sample_size;
  const std::vector<float> drawn = sample(img, m);

  tinykm::static_model<colours, 3> palette;
  for (const tinykm::init_method init : {tinykm::init_method::random, tinykm::init_method::kmeans_plus_plus}) {
    tinykm::fit_params params;
    params.k = colours;
    params.init = init;
    std::vector<unsigned char> workspace(tinykm::fit_workspace_size(params, m, 3));
    tinykm::fit_result result;
    const tinykm::status s = tinykm::fit(drawn.data(), m, 3, nullptr, params, palette,
                                         workspace.data(), workspace.size(), &result);
    if (s != tinykm::status::ok) {
      std::printf("fit failed: %s\n", tinykm::to_string(s));
      return 2;
    }
    std::printf("%-9s init: %3u iterations, inertia %.2f on %zu sampled pixels\n",
                init == tinykm::init_method::random ? "random" : "k-means++", result.iterations,
                result.inertia, m);
  }

  // Repaint every pixel with its nearest palette colour (the k-means++ palette, fitted last).
  std::vector<std::int32_t> labels(n);
  if (tinykm::predict(palette.view(), img.rgb.data(), n, 3, labels.data()) != tinykm::status::ok) return 2;
  std::vector<unsigned char> out(n * 3);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t c = 0; c < 3; ++c) {
      const float v = palette.centroids[static_cast<std::size_t>(labels[i]) * 3 + c];
      out[i * 3 + c] = static_cast<unsigned char>(std::lround(std::fmin(std::fmax(v, 0.0f), 1.0f) * 255.0f));
    }
  if (stbi_write_png(out_path, img.width, img.height, 3, out.data(), img.width * 3) == 0) {
    std::printf("cannot write %s\n", out_path);
    return 2;
  }

  int w = 0, h = 0, channels = 0;
  unsigned char* back = stbi_load(out_path, &w, &h, &channels, 3);
  if (back == nullptr) return 2;
  std::set<std::uint32_t> seen;
  for (std::size_t i = 0; i < n; ++i)
    seen.insert(static_cast<std::uint32_t>(back[3 * i] << 16 | back[3 * i + 1] << 8 | back[3 * i + 2]));
  stbi_image_free(back);
  std::printf("wrote %s: %d x %d, %zu colours\n", out_path, w, h, seen.size());
  return w == img.width && h == img.height && seen.size() <= colours ? 0 : 1;
}
