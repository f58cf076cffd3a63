// Status names and the backend name.
#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <string>

#include "tinykm/tinykm.hpp"

using tinykm::status;

TEST_CASE("every status has its own name", "[status]") {
  struct named {
    status s;
    const char* name;
  };
  const named all[] = {
      {status::ok, "ok"},
      {status::invalid_argument, "invalid_argument"},
      {status::capacity_exceeded, "capacity_exceeded"},
      {status::workspace_too_small, "workspace_too_small"},
      {status::non_finite_input, "non_finite_input"},
      {status::too_few_points, "too_few_points"},
      {status::corrupt_model, "corrupt_model"},
      {status::not_ready, "not_ready"},
      {status::dimension_mismatch, "dimension_mismatch"},
      {status::output_too_small, "output_too_small"},
      {status::out_of_range, "out_of_range"},
      {status::not_available, "not_available"},
  };
  std::set<std::string> seen;
  for (const named& e : all) {
    const char* got = tinykm::to_string(e.s);
    INFO("status " << static_cast<int>(e.s));
    REQUIRE(got != nullptr);
    CHECK(std::string(got) == e.name);
    seen.insert(got);
  }
  CHECK(seen.size() == sizeof(all) / sizeof(all[0]));
}

TEST_CASE("to_string never returns null even for values outside the enum", "[status]") {
  for (int v : {-1, 12, 13, 255, 1 << 30}) {
    const char* got = tinykm::to_string(static_cast<status>(v));
    INFO("value " << v);
    REQUIRE(got != nullptr);
    CHECK(std::strlen(got) > 0);
    // And it is not mistaken for a real status.
    CHECK(std::string(got) != "ok");
  }
}

TEST_CASE("status values are stable", "[status]") {
  // The numbers are part of the C API and of saved logs.
  CHECK(static_cast<int>(status::ok) == 0);
  CHECK(static_cast<int>(status::invalid_argument) == 1);
  CHECK(static_cast<int>(status::capacity_exceeded) == 2);
  CHECK(static_cast<int>(status::workspace_too_small) == 3);
  CHECK(static_cast<int>(status::non_finite_input) == 4);
  CHECK(static_cast<int>(status::too_few_points) == 5);
  CHECK(static_cast<int>(status::corrupt_model) == 6);
  CHECK(static_cast<int>(status::not_ready) == 7);
  CHECK(static_cast<int>(status::dimension_mismatch) == 8);
  CHECK(static_cast<int>(status::output_too_small) == 9);
  CHECK(static_cast<int>(status::out_of_range) == 10);
  CHECK(static_cast<int>(status::not_available) == 11);
}

TEST_CASE("backend_name says which kernels run, force_backend chooses them", "[status]") {
  const std::string name = tinykm::backend_name();  // the automatic choice: Highway first
#if TINYKM_HAVE_HWY
  CHECK(name.rfind("hwy:", 0) == 0);
#elif TINYKM_HAVE_XSIMD
  CHECK(name.rfind("xsimd:", 0) == 0);
#else
  CHECK(name == "scalar");
#endif
  REQUIRE(tinykm::force_backend(tinykm::backend::scalar) == status::ok);
  CHECK(std::string(tinykm::backend_name()) == "scalar");
  const status hwy = tinykm::force_backend(tinykm::backend::highway);
#if TINYKM_HAVE_HWY
  REQUIRE(hwy == status::ok);
  CHECK(std::string(tinykm::backend_name()).rfind("hwy:", 0) == 0);
#else
  CHECK(hwy == status::not_available);
  CHECK(std::string(tinykm::backend_name()) == "scalar");  // a refusal changes nothing
#endif
  const status xs = tinykm::force_backend(tinykm::backend::xsimd);
#if TINYKM_HAVE_XSIMD
  REQUIRE(xs == status::ok);
  CHECK(std::string(tinykm::backend_name()).rfind("xsimd:", 0) == 0);
#else
  CHECK(xs == status::not_available);
#endif
  const std::string before = tinykm::backend_name();
  CHECK(tinykm::force_backend(static_cast<tinykm::backend>(9)) == status::invalid_argument);
  CHECK(tinykm::backend_name() == before);
  REQUIRE(tinykm::force_backend(tinykm::backend::automatic) == status::ok);
  CHECK(std::string(tinykm::backend_name()) == name);
}
