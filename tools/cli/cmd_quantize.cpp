// tinykm quantize IMAGE --colors N -o out.png: colour quantisation, as in the k-means tutorials:
// fit N colours on a random sample of the pixels, then map every pixel to its nearest colour.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>

#include "console.hpp"
#include "commands.hpp"
#include "image_io.hpp"
#include "json.hpp"
#include "memory.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm_cli {

namespace {

// `count` distinct pixel indices drawn uniformly (a partial Fisher-Yates shuffle).
std::vector<float> sample_pixels(const rgb_image& image, std::size_t count, std::uint64_t seed) {
  const std::size_t n = image.pixels.size() / 3;
  std::vector<std::size_t> order;
  allocate(order, n, 1, "the pixel order");
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 random(seed);
  std::vector<float> out(count * 3);
  for (std::size_t i = 0; i < count; ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, n - 1);
    std::swap(order[i], order[pick(random)]);
    for (std::size_t c = 0; c < 3; ++c) out[i * 3 + c] = image.pixels[order[i] * 3 + c];
  }
  return out;
}

unsigned char to_byte(float v) {
  const float r = std::round(v);
  return static_cast<unsigned char>(r < 0.0f ? 0.0f : r > 255.0f ? 255.0f : r);
}

}  // namespace

const command_spec& quantize_spec() {
  static const command_spec spec{
      "quantize", "IMAGE", 1,
      "Reduces IMAGE (PNG, JPEG, BMP, ... as stb_image reads them) to a palette of N colours\n"
      "found by k-means on a sample of its pixels, and writes the result in the format OUT's\n"
      "extension names.",
      "OUT: .png, .jpg (or .jpeg; quality 95), .bmp or .tga; - writes PNG to standard output.\n"
      "IMAGE may be - (standard input).",
      {{"--colors", nullptr, "N", "palette size (default 16)"},
       {"--output", "-o", "OUT", "where to write the quantised image (required)"},
       {"--sample", nullptr, "N", "pixels drawn for the fit (default 100000; all if fewer)"},
       {"--seed", nullptr, "S", "seed of the sample and of k-means++ (default 0)"},
       {"--json", nullptr, nullptr, "print a JSON summary instead of text"}}};
  return spec;
}

int run_quantize(const parsed_args& args) {
  std::string error;
  std::size_t colours = 16, sample = 100000;
  std::uint64_t seed = 0;
  if (!option_value(args, "--colors", colours, error) || !option_value(args, "--sample", sample, error) ||
      !option_u64(args, "--seed", seed, error))
    return fail(error);
  if (!args.has("--output")) return fail("quantize needs -o OUT (where to write the image)");
  if (!check_image_name(args.values.at("--output"), error) ||
      !check_outputs({args.positionals[0]}, {args.values.at("--output")}, error))
    return fail(error);
  rgb_image image;
  if (!load_image(args.positionals[0], image, error)) return fail(error);
  const std::size_t pixels = image.pixels.size() / 3;
  if (sample > pixels) sample = pixels;
  if (colours == 0 || colours > sample || colours > tinykm::max_k)
    return fail("--colors: expected 1 to " + std::to_string(std::min(sample, tinykm::max_k)));

  const auto start = std::chrono::steady_clock::now();
  const std::vector<float> drawn = sample_pixels(image, sample, seed);
  tinykm::fit_params params;
  params.k = colours;
  params.seed = seed;
  std::vector<unsigned char> workspace(tinykm::fit_workspace_size(params, sample, 3));
  std::vector<float> palette(colours * 3);
  tinykm::model_view model{palette.data(), palette.size(), 0, 0};
  tinykm::fit_result result;
  tinykm::status s = tinykm::fit(drawn.data(), sample, 3, nullptr, params, model, workspace.data(),
                                 workspace.size(), &result);
  std::vector<float> all;
  std::vector<std::int32_t> labels;
  allocate(all, pixels, 3, "the image's pixels as floats");
  std::copy(image.pixels.begin(), image.pixels.end(), all.begin());
  allocate(labels, pixels, 1, "the pixels' labels");
  if (s == tinykm::status::ok) s = tinykm::predict(model, all.data(), pixels, 3, labels.data());
  if (s != tinykm::status::ok) return fail(library_error("quantize", s));
  for (std::size_t i = 0; i < pixels; ++i)
    for (std::size_t c = 0; c < 3; ++c)
      image.pixels[i * 3 + c] = to_byte(palette[static_cast<std::size_t>(labels[i]) * 3 + c]);
  const std::string& out = args.values.at("--output");
  if (!save_image(out, image, error)) return fail(error);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (args.has("--json")) {
    json_object json;
    json.add("command", "quantize").add("image", args.positionals[0]).add("output", out);
    json.add("width", static_cast<std::size_t>(image.width)).add("height", static_cast<std::size_t>(image.height));
    json.add("colors", colours).add("sample", sample).add("iterations", std::size_t{result.iterations});
    json.add("inertia", result.inertia).add("seconds", seconds);
    print_to(summary_file(), "%s\n", json.str().c_str());
  } else {
    print_to(summary_file(), "%d x %d image to %zu colours (fit on %zu pixels, %u iterations), %.3f s: %s\n",
                image.width, image.height, colours, sample, result.iterations, seconds, out.c_str());
  }
  return 0;
}

}  // namespace tinykm_cli
