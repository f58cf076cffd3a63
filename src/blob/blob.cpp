#include "blob.hpp"

#include "crc32.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

void write_blob_prefix(byte_writer& w, unsigned char kind, std::size_t k, std::size_t d) noexcept {
  w.u8('T');
  w.u8('K');
  w.u8('M');
  w.u8(kind);
  w.u16(blob_version);
  w.u16(0);
  w.u32(static_cast<std::uint32_t>(k));
  w.u32(static_cast<std::uint32_t>(d));
}

void seal_blob(byte_writer& w, const unsigned char* start) noexcept {
  w.u32(crc32(start, w.size()));
}

status open_blob(const void* buffer, std::size_t len, unsigned char kind, blob_shape* shape,
                 byte_reader* payload) noexcept {
  if (buffer == nullptr) return status::invalid_argument;
  if (len < blob_prefix_bytes + blob_crc_bytes) return status::corrupt_model;
  const unsigned char* bytes = static_cast<const unsigned char*>(buffer);
  const std::size_t body = len - blob_crc_bytes;
  byte_reader crc_field(bytes + body, blob_crc_bytes);
  if (crc_field.u32() != crc32(bytes, body)) return status::corrupt_model;
  byte_reader r(bytes, body);
  const bool magic = r.u8() == 'T' && r.u8() == 'K' && r.u8() == 'M' && r.u8() == kind;
  const bool version = r.u16() == blob_version && r.u16() == 0;
  const std::uint32_t k = r.u32();
  const std::uint32_t d = r.u32();
  if (!magic || !version || k == 0 || k > max_k || d == 0 || d > max_d)
    return status::corrupt_model;
  shape->k = k;
  shape->d = d;
  *payload = r;
  return status::ok;
}

}  // namespace tinykm::detail
