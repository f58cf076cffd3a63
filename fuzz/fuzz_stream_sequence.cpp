// The stream state invariant (tests/stream_sequences.hpp) with the fuzzer's bytes choosing the
// shape, the parameters, the calls and the values: after every call the state must be finite,
// come back bit for bit through load(save(state)), and keep answering. The fixed-seed version
// runs in ctest (tests/test_stream_property.cpp); here it runs as long as the fuzz step allows.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "stream_sequences.hpp"

namespace {

// Choices read from the input; once it is spent the sequence ends.
struct fuzzed_choices {
  FuzzedDataProvider& in;
  std::uint32_t below(std::uint32_t n) {
    return in.ConsumeIntegralInRange<std::uint32_t>(0, n - 1);
  }
  bool more() const { return in.remaining_bytes() > 0; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  fuzzed_choices choices{in};
  const std::string why = tkseq::run_sequence(choices, 400);
  if (!why.empty()) tinykm_fuzz::fail(why.c_str());
  return 0;
}
