// The parts of the extension module, each registered by module.cpp.
#pragma once

#include <pybind11/pybind11.h>

namespace tinykm_py {
void add_batch(pybind11::module_& m);   // batch.cpp: fit, predict, transform, score, backends
void add_stream(pybind11::module_& m);  // stream.cpp: the Stream class
}  // namespace tinykm_py
