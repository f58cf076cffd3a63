// Which kernel implementation runs. Only the scalar reference exists so far; the SIMD backends
// plug in behind the same contract (src/kernels/kernels.hpp).
#pragma once

namespace tinykm {

// Name of the kernels in use, e.g. "scalar". Never null.
const char* backend_name() noexcept;

}  // namespace tinykm
