// Writes the seed corpora of the fuzzers into <dir>/<target>/ (committed as fuzz/corpus/):
// valid model and stream blobs, small .npy and CSV files, and fixed pseudo-random bytes for the
// targets that decode any input. Run: fuzz_make_corpus fuzz/corpus
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include "csv.hpp"
#include "npy.hpp"
#include "tinykm/tinykm.hpp"

namespace {

std::string root;

void write(const std::string& target, const std::string& name, const std::string& bytes) {
  const std::string path = root + "/" + target + "/" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    std::fprintf(stderr, "cannot write %s (does the folder exist?)\n", path.c_str());
    std::exit(1);
  }
  std::fclose(f);
}

// Blob seeds: flags byte 1 (fix the CRC) so mutations reach the field checks, and 0.
void blob_seeds(const std::string& name, const std::vector<unsigned char>& blob) {
  for (const char flags : {'\0', '\1', '\3'})
    write("fuzz_blob_load", name + "-" + std::to_string(static_cast<int>(flags)),
          std::string(1, flags) + std::string(blob.begin(), blob.end()));
}

void blobs() {
  const float centres[6] = {0.0f, 1.0f, -2.5f, 3.0f, 100.0f, -0.125f};
  const tinykm::model_view model{const_cast<float*>(centres), 6, 3, 2};
  std::vector<unsigned char> blob(tinykm::save_size(model));
  if (tinykm::save(model, blob.data(), blob.size()) != tinykm::status::ok) std::exit(1);
  blob_seeds("model-3x2", blob);

  for (const int samples : {5, 40}) {  // warming up (reservoir stored) and ready
    tinykm::stream_params p;
    p.k = 3;
    p.reservoir = 12;
    std::vector<std::uint64_t> memory(tinykm::stream_memory_size(3, 2, 12) / 8 + 1);
    const tinykm::stream_state s{memory.data(), memory.size() * 8};
    if (tinykm::stream_init(p, 2, s) != tinykm::status::ok) std::exit(1);
    for (int i = 0; i < samples; ++i) {
      const float x[2] = {static_cast<float>(i % 7), static_cast<float>(i % 3) * 0.5f};
      if (tinykm::stream_update(s, x) != tinykm::status::ok) std::exit(1);
    }
    blob.assign(tinykm::save_size(s), 0);
    if (tinykm::save(s, blob.data(), blob.size()) != tinykm::status::ok) std::exit(1);
    blob_seeds(samples < 12 ? "stream-warming" : "stream-ready", blob);
  }
}

void tables() {
  const float values[6] = {1.5f, -2.0f, 0.0f, 3.25f, 1e-3f, 7.0f};
  const std::int32_t ints[4] = {1, 2, 3, 4};
  write("fuzz_npy", "f4-3x2.npy", tinykm_cli::npy_bytes(values, 3, 2));
  write("fuzz_npy", "i4-2x2.npy", tinykm_cli::npy_bytes(ints, 2, 2));
  // A version 2 header, float64, one column.
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
  while ((12 + header.size() + 1) % 16 != 0) header += ' ';
  header += '\n';
  std::string f8 = std::string("\x93NUMPY\x02\x00", 8);
  for (int b = 0; b < 4; ++b) f8 += static_cast<char>((header.size() >> (8 * b)) & 0xffu);
  f8 += header;
  const double two[2] = {0.5, -1e10};
  f8.append(reinterpret_cast<const char*>(two), sizeof two);
  write("fuzz_npy", "f8-2.npy", f8);

  write("fuzz_csv", "plain.csv", tinykm_cli::csv_text(values, 3, 2));
  write("fuzz_csv", "header.csv", "x,y,z\n1,2,3\n\n-4.5e3,5e-7,6\n");
  write("fuzz_csv", "ints.csv", tinykm_cli::csv_text(ints, 4, 1));
  write("fuzz_csv", "semicolon.csv", tinykm_cli::csv_text(values, 3, 2, ';'));
  write("fuzz_csv", "tab.tsv", "a\tb\n" + tinykm_cli::csv_text(values, 2, 3, '\t'));
  write("fuzz_csv", "blanks.txt", "  1 2\t3\n4   5 6  \n");
}

// Inputs the decoding fuzzers read as any bytes: fixed pseudo-random ones (splitmix64).
void random_bytes(const std::string& target,
                  std::initializer_list<std::size_t> lengths = {32, 300, 2000, 8000}) {
  std::uint64_t state = 0x7E57ED5EEDull;
  for (const std::size_t len : lengths) {
    std::string bytes;
    while (bytes.size() < len) {
      std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      z ^= z >> 31;
      for (int b = 0; b < 8 && bytes.size() < len; ++b) bytes += static_cast<char>((z >> (8 * b)) & 0xffu);
    }
    write(target, "random-" + std::to_string(len), bytes);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_make_corpus <corpus folder>\n");
    return 2;
  }
  root = argv[1];
  blobs();
  tables();
  random_bytes("fuzz_c_api");
  random_bytes("fuzz_backends");
  random_bytes("fuzz_stream_sequence", {64, 300, 1000, 4000});  // a call takes 2 to 30 bytes
  return 0;
}
