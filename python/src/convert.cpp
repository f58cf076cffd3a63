#include "convert.hpp"

#include <string>

namespace tinykm_py {

namespace {

std::string shape_text(const py::array& a) {
  std::string s = "(";
  for (py::ssize_t i = 0; i < a.ndim(); ++i) s += (i ? ", " : "") + std::to_string(a.shape(i));
  return s + (a.ndim() == 1 ? ",)" : ")");
}

const char* hint(tinykm::status s) {
  switch (s) {
    case tinykm::status::invalid_argument: return "a parameter or size out of range";
    case tinykm::status::capacity_exceeded: return "n_clusters or n_features above TINYKM_MAX_K / TINYKM_MAX_D";
    case tinykm::status::non_finite_input: return "NaN or Inf in the input";
    case tinykm::status::too_few_points: return "no samples, or fewer samples than clusters";
    case tinykm::status::corrupt_model: return "the bytes are truncated, altered or of an unknown version";
    case tinykm::status::not_ready: return "not fitted yet";
    case tinykm::status::dimension_mismatch: return "the number of features differs from the model's";
    case tinykm::status::out_of_range: return "values so large that squared distances overflow float32";
    case tinykm::status::not_available: return "this backend is not compiled in or not supported by this CPU";
    default: return "internal error of the binding";
  }
}

}  // namespace

f32_array as_float32(py::handle x, const char* what) {
  if (f32_array::check_(x)) return py::reinterpret_borrow<f32_array>(x);
  const py::module_ np = py::module_::import("numpy");
  const py::array a = np.attr("asarray")(x);
  const char kind = a.dtype().kind();
  if (kind != 'b' && kind != 'i' && kind != 'u' && kind != 'f')
    throw py::type_error(std::string(what) + ": expected numbers (bool, integer or float dtype), got dtype " +
                         py::str(a.dtype()).cast<std::string>());
  return np.attr("ascontiguousarray")(a, py::arg("dtype") = np.attr("float32")).cast<f32_array>();
}

rows as_rows(py::handle x, const char* what) {
  rows r{as_float32(x, what)};
  if (r.array.ndim() != 2)
    throw py::value_error(std::string(what) + ": expected a 2-D array (n_samples, n_features), got shape " +
                          shape_text(r.array));
  r.n = static_cast<std::size_t>(r.array.shape(0));
  r.d = static_cast<std::size_t>(r.array.shape(1));
  return r;
}

f32_array as_vector(py::handle x, std::size_t len, const char* what) {
  f32_array a = as_float32(x, what);
  if (a.ndim() != 1 || static_cast<std::size_t>(a.shape(0)) != len)
    throw py::value_error(std::string(what) + ": dimension_mismatch: expected shape (" + std::to_string(len) +
                          ",), got " + shape_text(a));
  return a;
}

void check(tinykm::status s, const char* call) {
  if (s == tinykm::status::ok) return;
  const std::string message = std::string(call) + ": " + tinykm::to_string(s) + " (" + hint(s) + ")";
  switch (s) {
    case tinykm::status::workspace_too_small:
    case tinykm::status::output_too_small:
      throw std::runtime_error(message);
    default:
      throw py::value_error(message);
  }
}

}  // namespace tinykm_py
