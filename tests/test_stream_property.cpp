// The stream state invariant (README, numeric contract): random sequences of public calls
// (tests/stream_sequences.hpp), checked after every call. A fixed seed here; the fuzz step
// (fuzz/fuzz_stream_sequence.cpp) runs the same engine from the fuzzer's bytes for longer.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "stream_sequences.hpp"
#include "test_support.hpp"

namespace {

// Choices from splitmix64: a sequence is reproduced from its seed alone.
struct seeded_choices {
  tkt::rng r;
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(r.below(n)); }
  bool more() const { return true; }
};

}  // namespace

TEST_CASE(
    "stream state invariant: every state a sequence of calls makes is finite, loads bit for bit "
    "and answers",
    "[stream][property]") {
  constexpr std::uint64_t sequences = 3000;
  constexpr std::size_t steps = 50;
  for (std::uint64_t seed = 1; seed <= sequences; ++seed) {
    seeded_choices in{tkt::rng(seed)};
    const std::string why = tkseq::run_sequence(in, steps);
    INFO("sequence seed " << seed << ": " << why);
    REQUIRE(why.empty());
  }
}
