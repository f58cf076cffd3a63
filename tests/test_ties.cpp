// Ties go to the lowest centre index in predict, transform's argmin, fit, lloyd_step and streams,
// on every backend this build runs here (Highway's other targets: test_hwy_targets).
#include <catch2/catch.hpp>

#include "backend_loop.hpp"
#include "tie_checks.hpp"

TEST_CASE("ties go to the lowest centre index in every call, on every backend", "[ties]") {
  tkt::for_each_backend([](const tinykm::kernels::kernel_table& kt) {
    INFO("backend " << kt.name());
    tkt::check_ties_all_shapes();
  });
}
