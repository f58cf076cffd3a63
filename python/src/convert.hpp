// How Python objects become the library's inputs, and statuses become Python exceptions.
//
// The conversion rule (README, "Python"): a C-contiguous float32 numpy array is used in place,
// without a copy. Anything else that numpy reads as booleans, integers or floats (other dtypes,
// Fortran order, strided views, lists) is converted once, to a new C-contiguous float32 array
// (float64 values are rounded to float32; one too large becomes Inf and is refused as
// non_finite_input). Other dtypes (complex, strings, objects) raise TypeError.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>

#include "tinykm/status.hpp"

namespace tinykm_py {

namespace py = pybind11;

using f32_array = py::array_t<float, py::array::c_style>;
using i32_array = py::array_t<std::int32_t, py::array::c_style>;

// `x` as a C-contiguous float32 array by the rule above; `what` names it in error messages.
f32_array as_float32(py::handle x, const char* what);

// A matrix of n rows and d columns: `x` converted, and ValueError unless it has 2 dimensions.
struct rows {
  f32_array array;
  std::size_t n = 0;
  std::size_t d = 0;
  const float* data() const { return array.data(); }
};
rows as_rows(py::handle x, const char* what);

// A vector of `len` floats (a sample, or one weight per row): ValueError for another shape.
f32_array as_vector(py::handle x, std::size_t len, const char* what);

// Throws the exception a numpy user expects for a status other than ok: ValueError for bad
// input, MemoryError, or RuntimeError for a status the binding should never meet. The message
// starts with `call` and the status name, e.g. "fit: non_finite_input (NaN or Inf in the input)".
void check(tinykm::status s, const char* call);

// The enum value named `name` among `names`, or ValueError listing them.
template <class E>
E from_name(const std::string& name, std::initializer_list<std::pair<const char*, E>> names,
            const char* param) {
  std::string choices;
  for (const auto& n : names) {
    if (name == n.first) return n.second;
    choices += choices.empty() ? "" : ", ";
    choices += n.first;
  }
  throw py::value_error(std::string(param) + ": expected one of " + choices + ", got '" + name + "'");
}

}  // namespace tinykm_py
