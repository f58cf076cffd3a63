// Streaming benchmarks (bench_stream.cpp).
#pragma once

namespace tinykm_bench {
void register_stream_benchmarks();
}
