// Handwritten digits, as in the k-means tutorials: the 1797 8x8 images that scikit-learn ships
// (python3-sklearn's digits.csv.gz: 64 pixel values 0..16 and the digit, per line), clustered
// into k = 10 groups without looking at the labels. Each cluster is then named after the digit
// most of its members are, and the accuracy is the fraction of images whose cluster's name is
// their own digit.
//
//   tinykm_digits [--data digits.csv.gz] [--n-init N] [--min-accuracy A]
//
// Exits 1 when the accuracy with N restarts (default 10) is below A (default 0), and 77 (the
// test's "skipped") when the data file is missing.
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "tinykm/tinykm.hpp"

namespace {

constexpr std::size_t d = 64;
constexpr std::size_t k = 10;

// The gzip file's text, or "" when it cannot be read.
std::string read_gzip(const char* path) {
  gzFile f = gzopen(path, "rb");
  if (f == nullptr) return std::string();
  std::string text;
  char buffer[1 << 15];
  int got = 0;
  while ((got = gzread(f, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(got));
  gzclose(f);
  return got < 0 ? std::string() : text;
}

// One line: 64 pixels then the digit. False for a malformed line.
bool parse_line(const char* line, std::vector<float>& pixels, std::vector<int>& digits) {
  char* end = nullptr;
  for (std::size_t j = 0; j <= d; ++j) {
    const long v = std::strtol(line, &end, 10);
    if (end == line || (j < d && *end != ',')) return false;
    if (j < d) pixels.push_back(static_cast<float>(v));
    else digits.push_back(static_cast<int>(v));
    line = end + 1;
  }
  return true;
}

// Fraction of images whose cluster's majority digit is their own.
double majority_accuracy(const std::vector<std::int32_t>& labels, const std::vector<int>& digits) {
  std::size_t votes[k][10] = {};
  for (std::size_t i = 0; i < labels.size(); ++i)
    ++votes[static_cast<std::size_t>(labels[i])][static_cast<std::size_t>(digits[i])];
  std::size_t right = 0;
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t best = 0;
    for (std::size_t digit = 0; digit < 10; ++digit) best = votes[c][digit] > best ? votes[c][digit] : best;
    right += best;
  }
  return static_cast<double>(right) / static_cast<double>(labels.size());
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";
  std::uint32_t n_init = 10;
  double min_accuracy = 0.0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--data") == 0) path = argv[i + 1];
    else if (std::strcmp(argv[i], "--n-init") == 0) n_init = static_cast<std::uint32_t>(std::atoi(argv[i + 1]));
    else if (std::strcmp(argv[i], "--min-accuracy") == 0) min_accuracy = std::atof(argv[i + 1]);
  }
  const std::string text = read_gzip(path);
  if (text.empty()) {
    std::printf("skipped: cannot read %s (Debian: apt-get install python3-sklearn)\n", path);
    return 77;
  }
  std::vector<float> pixels;
  std::vector<int> digits;
  for (std::size_t at = 0; at < text.size(); at = text.find('\n', at) + 1) {
    if (!parse_line(text.c_str() + at, pixels, digits)) {
      std::printf("%s: malformed line %zu\n", path, digits.size() + 1);
      return 2;
    }
    if (text.find('\n', at) == std::string::npos) break;
  }
  const std::size_t n = digits.size();
  std::printf("%zu images of %zu pixels from %s\n", n, d, path);

  double accuracy = 0.0;
  for (const std::uint32_t restarts : {1u, n_init}) {
    tinykm::fit_params params;
    params.k = k;
    params.n_init = restarts;
    std::vector<unsigned char> workspace(tinykm::fit_workspace_size(params, n, d));
    tinykm::static_model<k, d> model;
    tinykm::fit_result result;
    std::vector<std::int32_t> labels(n);
    tinykm::status s = tinykm::fit(pixels.data(), n, d, nullptr, params, model, workspace.data(),
                                   workspace.size(), &result);
    if (s == tinykm::status::ok) s = tinykm::predict(model.view(), pixels.data(), n, d, labels.data());
    if (s != tinykm::status::ok) {
      std::printf("k-means failed: %s\n", tinykm::to_string(s));
      return 2;
    }
    accuracy = majority_accuracy(labels, digits);
    std::printf("k = %zu, %2u restart%s: inertia %.0f, %u iterations, accuracy %.4f\n", k, restarts,
                restarts == 1 ? " " : "s", result.inertia, result.iterations, accuracy);
  }
  if (accuracy < min_accuracy) {
    std::printf("accuracy %.4f is below the required %.4f\n", accuracy, min_accuracy);
    return 1;
  }
  return 0;
}
