// What a user's translation unit sees when it links tinykm::tinykm: the public headers, and none
// of the build's internal choices (which backends are compiled in, compact code), which stay on
// the library's layers and tinykm_internal (cmake/tinykm_layers.cmake). A leak fails the build.
#include <catch2/catch.hpp>

#include <cstring>

#include "tinykm/tinykm.hpp"

#if defined(TINYKM_HAVE_HWY) || defined(TINYKM_HAVE_XSIMD) || defined(TINYKM_COMPACT_CODE) || \
    defined(TINYKM_HWY_STATIC)
#error "tinykm::tinykm exports a build-internal macro to its users"
#endif

TEST_CASE("a user links tinykm alone and still reaches every backend through the public API") {
  REQUIRE(tinykm::force_backend(tinykm::backend::scalar) == tinykm::status::ok);
  CHECK(std::strcmp(tinykm::backend_name(), "scalar") == 0);
  REQUIRE(tinykm::force_backend(tinykm::backend::automatic) == tinykm::status::ok);
  CHECK(tinykm::backend_name() != nullptr);
}
