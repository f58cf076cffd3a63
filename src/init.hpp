// Initial centres for one restart of a fit.
#pragma once

#include <cstdint>

#include "kernels/kernels.hpp"
#include "lloyd.hpp"
#include "tinykm/params.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

// Writes params.k starting centres into s.centroids, drawn with the generator seeded by `seed`.
void init_centroids(const kernels::kernel_table& kt, const dataset& data,
                    const fit_params& params, std::uint64_t seed, fit_scratch& s) noexcept;

}  // namespace tinykm::detail
