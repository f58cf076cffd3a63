// An allocation that fails is one error line naming what was too big, and exit status 1, not an
// uncaught std::bad_alloc. Run under `ulimit -v` (address space), so not built with sanitizers
// (AddressSanitizer reserves terabytes of address space up front).
#include <catch2/catch.hpp>

#include "cli_harness.hpp"

TEST_CASE("transform past the memory limit names the distances", "[cli][memory]") {
  const cli::scratch s("memory");
  // A model with k = 4096 (d = 1), and 300,000 rows: 4.9 GB of distances, over a 1 GB limit.
  std::vector<float> centres(4096), rows(300000);
  for (std::size_t i = 0; i < centres.size(); ++i) centres[i] = static_cast<float>(i);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<float>(i % 5000);
  cli::spit(s.path("c.npy"), cli::npy_f32(centres, centres.size(), 1));
  cli::spit(s.path("d.npy"), cli::npy_f32(rows, rows.size(), 1));
  const std::string m = s.path("m.tkm");
  REQUIRE(s.run("fit " + s.path("c.npy") + " -k 4096 --init random --max-iter 1 -o " + m).code == 0);
  const cli::result r = s.run_with("ulimit -v 1000000", "transform " + m + " " + s.path("d.npy"),
                                   s.path("stdout.txt"));
  CHECK(r.code == 1);
  CHECK(r.err == "tinykm: transform: cannot allocate 4.92 GB for the distances (300000 x 4096)\n");
  CHECK(r.out.empty());
}
