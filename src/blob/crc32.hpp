// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib's crc32), bitwise: a few
// instructions of flash and no table, speed does not matter for blobs.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tinykm::detail {

std::uint32_t crc32(const unsigned char* bytes, std::size_t count) noexcept;

}  // namespace tinykm::detail
