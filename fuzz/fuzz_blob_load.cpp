// tinykm::load() of models and stream states on arbitrary bytes. Input: one flags byte, then
// the blob. Flags bit 0 rewrites the blob's last 4 bytes with its CRC-32, so the fuzzer gets
// past the checksum to the field checks; bit 1 makes the stream target a ready one (else it is
// warming up). A load must return a status and never crash; on failure the model and the
// stream memory must be exactly as before (checked byte for byte); on success, saving again
// must give back the same blob, and the loaded state must work.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "crc32.hpp"
#include "fuzz_support.hpp"
#include "tinykm/tinykm.hpp"

namespace {

using tinykm_fuzz::require;
using tinykm_fuzz::snapshot;

constexpr std::size_t model_capacity = 512;
constexpr std::size_t target_k = 3, target_d = 2;
// Room for blobs of other shapes than the target's own.
constexpr std::size_t stream_bytes = tinykm::stream_memory_size(16, 8, 128);

// The stream every input is loaded into: k 3, d 2, built once, copied fresh for each input.
const std::vector<std::uint64_t>& pristine_stream(bool ready) {
  static std::vector<std::uint64_t> memory[2];
  std::vector<std::uint64_t>& m = memory[ready ? 1 : 0];
  if (m.empty()) {
    m.assign(stream_bytes / 8, 0);
    const tinykm::stream_state s{m.data(), stream_bytes};
    tinykm::stream_params p;
    p.k = target_k;
    p.reservoir = 12;
    require(tinykm::stream_init(p, target_d, s) == tinykm::status::ok, "stream_init");
    for (int i = 0; i < (ready ? 40 : 5); ++i) {
      const float x[target_d] = {static_cast<float>(i % 7), static_cast<float>(i % 3)};
      require(tinykm::stream_update(s, x) == tinykm::status::ok, "stream_update");
    }
  }
  return m;
}

void check_saved_again(std::size_t size, const std::vector<unsigned char>& again,
                       const unsigned char* blob, std::size_t len) {
  require(size == len, "save_size of a loaded blob differs from its length");
  require(std::memcmp(again.data(), blob, len) == 0, "saving a loaded blob gives other bytes");
}

void load_model(const unsigned char* blob, std::size_t len) {
  std::vector<float> storage(model_capacity, 0.0f);
  for (std::size_t i = 0; i < target_k * target_d; ++i) storage[i] = static_cast<float>(i);
  tinykm_fuzz::poison(storage.data() + target_k * target_d,
                      (model_capacity - target_k * target_d) * sizeof(float));
  tinykm::model_view m{storage.data(), model_capacity, target_k, target_d};
  const snapshot before(storage.data(), storage.size() * sizeof(float));
  if (tinykm::load(blob, len, m) != tinykm::status::ok) {
    require(before.unchanged() && m.k == target_k && m.d == target_d &&
                m.centroids == storage.data() && m.capacity == model_capacity,
            "failed model load modified the model");
    return;
  }
  require(m.k >= 1 && m.d >= 1 && m.k * m.d <= model_capacity, "loaded model shape");
  std::vector<unsigned char> again(len);
  std::size_t written = 0;
  require(tinykm::save(m, again.data(), len, &written) == tinykm::status::ok, "save loaded model");
  check_saved_again(written, again, blob, len);
  std::vector<float> x(m.d, 0.5f);
  std::int32_t label = -1;
  require(tinykm::predict(m, x.data(), 1, m.d, &label) == tinykm::status::ok, "predict");
  require(label >= 0 && static_cast<std::size_t>(label) < m.k, "label range");
}

void load_stream(const unsigned char* blob, std::size_t len, bool ready) {
  std::vector<std::uint64_t> memory = pristine_stream(ready);
  const tinykm::stream_state s{memory.data(), stream_bytes};
  const snapshot before(memory.data(), stream_bytes);
  if (tinykm::load(blob, len, s) != tinykm::status::ok) {
    require(before.unchanged(), "failed stream load modified the stream");
    return;
  }
  tinykm::stream_info info;
  require(tinykm::stream_get_info(s, &info) == tinykm::status::ok, "stream_get_info");
  std::vector<unsigned char> again(len);
  std::size_t written = 0;
  require(tinykm::save(s, again.data(), len, &written) == tinykm::status::ok, "save stream");
  check_saved_again(written, again, blob, len);
  // A valid blob may ask for millions of warm-up restarts (u32 warmup_n_init, warmup_max_iter
  // at bytes 64 and 68): then the updates that would end the warm-up are skipped, not timed out.
  std::uint32_t restarts = 0, iterations = 0;
  std::memcpy(&restarts, blob + 64, 4);  // little-endian host (x86-64, AArch64)
  std::memcpy(&iterations, blob + 68, 4);
  if (!info.ready && std::uint64_t{restarts} * iterations > 1000) return;
  // The loaded state must behave: updates (single and batched), queries, a merge with itself.
  std::vector<float> xs(4 * info.d);
  for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = static_cast<float>(i % 5) - 2.0f;
  std::vector<std::int32_t> labels(4);
  std::vector<float> scores(4);
  for (int round = 0; round < 2; ++round) {
    tinykm::stream_sample out;
    const tinykm::status u = tinykm::stream_update(s, xs.data(), &out);
    require(u == tinykm::status::ok, "stream_update after load");
    const tinykm::status b =
        tinykm::stream_update_batch(s, xs.data(), 4, labels.data(), scores.data());
    require(b == tinykm::status::ok, "stream_update_batch after load");
  }
  require(tinykm::stream_get_info(s, &info) == tinykm::status::ok, "stream_get_info");
  if (info.ready) {
    float score = 0.0f;
    require(tinykm::stream_score(s, xs.data(), &score) == tinykm::status::ok, "stream_score");
    require(tinykm::stream_predict(s, xs.data(), 4, labels.data()) == tinykm::status::ok,
            "stream_predict");
    for (std::int32_t l : labels)
      require(l >= 0 && static_cast<std::size_t>(l) < info.k, "stream label range");
    require(tinykm::stream_merge(s, s, s) == tinykm::status::ok, "stream_merge");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t flags = data[0];
  std::vector<unsigned char> blob(data + 1, data + size);
  const std::size_t len = blob.size();
  if ((flags & 1) != 0 && len >= 4) {
    const std::uint32_t crc = tinykm::detail::crc32(blob.data(), len - 4);
    for (std::size_t b = 0; b < 4; ++b) blob[len - 4 + b] = static_cast<unsigned char>(crc >> (8 * b));
  }
  load_model(blob.data(), len);
  load_stream(blob.data(), len, (flags & 2) != 0);
  return 0;
}
