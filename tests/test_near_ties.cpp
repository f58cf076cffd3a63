// The near-tie bound of the README's numeric contract, for the assign kernel of every backend
// this build runs here (scalar, Highway, each xsimd architecture; Highway's other targets:
// test_hwy_targets).
#include <catch2/catch.hpp>

#include "backend_loop.hpp"
#include "near_tie_bound.hpp"

TEST_CASE("assign keeps the near-tie bound on real data, every backend", "[near_ties]") {
  tkt::for_each_backend([](const tinykm::kernels::kernel_table& kt) {
    INFO("backend " << kt.name());
    tkt::check_near_tie_bound(kt.assign);
  });
}

TEST_CASE("assign labels exactly on both sides of the re-check margin, every backend",
          "[near_ties]") {
  tkt::for_each_backend([](const tinykm::kernels::kernel_table& kt) {
    INFO("backend " << kt.name());
    tkt::check_margin_edges(kt.assign);
  });
}
