// Little-endian, byte-at-a-time writing and reading of blob fields, independent of the host's
// endianness and alignment. The reader never reads past its end: it fails instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tinykm::detail {

class byte_writer {
 public:
  explicit byte_writer(unsigned char* out) noexcept : out_(out) {}
  void u8(std::uint8_t v) noexcept { out_[at_++] = v; }
  void u16(std::uint16_t v) noexcept { bytes(v, 2); }
  void u32(std::uint32_t v) noexcept { bytes(v, 4); }
  void u64(std::uint64_t v) noexcept { bytes(v, 8); }
  void f32(float v) noexcept {
    std::uint32_t bits;
    std::memcpy(&bits, &v, 4);
    u32(bits);
  }
  void f32s(const float* v, std::size_t count) noexcept {
    for (std::size_t i = 0; i < count; ++i) f32(v[i]);
  }
  std::size_t size() const noexcept { return at_; }

 private:
  void bytes(std::uint64_t v, int count) noexcept {
    for (int i = 0; i < count; ++i) out_[at_++] = static_cast<unsigned char>(v >> (8 * i));
  }
  unsigned char* out_;
  std::size_t at_ = 0;
};

class byte_reader {
 public:
  byte_reader(const unsigned char* in, std::size_t len) noexcept : in_(in), len_(len) {}
  std::uint8_t u8() noexcept { return static_cast<std::uint8_t>(bytes(1)); }
  std::uint16_t u16() noexcept { return static_cast<std::uint16_t>(bytes(2)); }
  std::uint32_t u32() noexcept { return static_cast<std::uint32_t>(bytes(4)); }
  std::uint64_t u64() noexcept { return bytes(8); }
  float f32() noexcept {
    const std::uint32_t bits = u32();
    float v;
    std::memcpy(&v, &bits, 4);
    return v;
  }
  // Where the next field starts, for reading arrays in place after the checks.
  const unsigned char* here() const noexcept { return in_ + at_; }
  void skip(std::size_t count) noexcept {
    if (count > len_ - at_) failed_ = true;
    else at_ += count;
  }
  bool ok() const noexcept { return !failed_; }
  std::size_t position() const noexcept { return at_; }

 private:
  std::uint64_t bytes(int count) noexcept {
    if (static_cast<std::size_t>(count) > len_ - at_) {
      failed_ = true;
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < count; ++i) v |= static_cast<std::uint64_t>(in_[at_++]) << (8 * i);
    return v;
  }
  const unsigned char* in_;
  std::size_t len_;
  std::size_t at_ = 0;
  bool failed_ = false;
};

// Reads count floats stored little-endian at `in`.
inline void read_f32s(const unsigned char* in, std::size_t count, float* out) noexcept {
  byte_reader r(in, count * 4);
  for (std::size_t i = 0; i < count; ++i) out[i] = r.f32();
}

}  // namespace tinykm::detail
