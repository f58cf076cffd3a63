// The conventions of Unix tools: --version, `-` for standard input and output, and a file type
// the tool does not know refused by name instead of guessed at.
#include <catch2/catch.hpp>

#include "cli_harness.hpp"

TEST_CASE("--version prints the project version and exits 0", "[cli][conventions]") {
  const cli::scratch s("version");
  const cli::result r = s.run("--version");
  CHECK(r.code == 0);
  CHECK(r.out == std::string("tinykm ") + TINYKM_PROJECT_VERSION + "\n");
  CHECK(r.err.empty());
  CHECK(s.run("--help").out.find("--version") != std::string::npos);
}
