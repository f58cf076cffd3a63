// Runs a test body once per kernel table this build can run here (scalar, Highway, each xsimd
// architecture), with that table active, then restores the automatic choice.
#pragma once

#include <cstddef>

#include "kernels.hpp"

namespace tkt {

template <typename Body>
void for_each_backend(Body body) {
  std::size_t count = 0;
  const tinykm::kernels::kernel_table* const* tables = tinykm::kernels::available_tables(&count);
  for (std::size_t i = 0; i < count; ++i) {
    tinykm::kernels::set_active(tables[i]);
    body(*tables[i]);
  }
  tinykm::kernels::set_active(nullptr);
}

}  // namespace tkt
