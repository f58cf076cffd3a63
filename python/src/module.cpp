// The extension module tinykm._tinykm; the package tinykm (python/tinykm/) wraps it.
#include "parts.hpp"

PYBIND11_MODULE(_tinykm, m) {
  m.doc() = "tinykm's C++ library: batch and streaming k-means (use the tinykm package).";
  m.attr("__version__") = TINYKM_VERSION;
  tinykm_py::add_batch(m);
  tinykm_py::add_stream(m);
}
