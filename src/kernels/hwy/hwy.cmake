# Highway backend: filled in by the SIMD issue
