// The frame shared by every saved blob (serialize.hpp): a 16-byte prefix (magic, kind,
// version, k, d) and a trailing CRC-32.
#pragma once

#include <cstddef>
#include <cstdint>

#include "byte_io.hpp"
#include "tinykm/status.hpp"

namespace tinykm::detail {

constexpr std::size_t blob_prefix_bytes = 16;
constexpr std::size_t blob_crc_bytes = 4;
constexpr std::uint16_t blob_version = 1;
constexpr unsigned char blob_model = 'M';
constexpr unsigned char blob_stream = 'S';

void write_blob_prefix(byte_writer& w, unsigned char kind, std::size_t k, std::size_t d) noexcept;

// Appends the CRC-32 of the `size` bytes written so far.
void seal_blob(byte_writer& w, const unsigned char* start) noexcept;

struct blob_shape {
  std::size_t k;
  std::size_t d;
};

// Checks the CRC, magic, kind, version, and k, d within 1..TINYKM_MAX_K / MAX_D; corrupt_model
// otherwise. On ok the reader is positioned after the prefix and stops before the CRC.
status open_blob(const void* buffer, std::size_t len, unsigned char kind, blob_shape* shape,
                 byte_reader* payload) noexcept;

}  // namespace tinykm::detail
