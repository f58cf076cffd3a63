// Batch k-means for the Python KMeans class (tinykm/_kmeans.py): fit, predict, transform, score
// over the library's calls, with the GIL released while they run.
#include <cstdint>
#include <memory>
#include <string>

#include "convert.hpp"
#include "parts.hpp"
#include "threads.hpp"
#include "tinykm/backend.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm_py {

namespace {

// A fitted model's centres as the library's model_view (read only by these calls).
struct centres {
  rows r;
  tinykm::model_view view() const {
    return tinykm::model_view{const_cast<float*>(r.data()), r.n * r.d, r.n, r.d};
  }
};
centres as_centres(py::handle c) { return centres{as_rows(c, "cluster_centers_")}; }

const float* weights_of(py::handle w, std::size_t n, f32_array& keep) {
  if (w.is_none()) return nullptr;
  keep = as_vector(w, n, "sample_weight");
  return keep.data();
}

i32_array labels_of(const tinykm::model_view& model, const rows& x, std::size_t n_threads) {
  i32_array labels(static_cast<py::ssize_t>(x.n));
  std::int32_t* out = labels.mutable_data();
  tinykm::status s;
  {
    py::gil_scoped_release unlocked;
    const threads_for threads(n_threads, x.n);
    s = tinykm::predict(model, x.data(), x.n, x.d, out, threads.parallel());
  }
  check(s, "predict");
  return labels;
}

py::tuple fit(py::handle x_in, py::handle weights_in, std::size_t k, const std::string& init,
              py::handle init_centres, std::uint32_t n_init, std::uint32_t max_iter, double tol,
              const std::string& empty_cluster, std::uint64_t seed, std::size_t n_threads,
              const std::string& algorithm, const std::string& refine) {
  const rows x = as_rows(x_in, "X");
  f32_array w_keep;
  const float* weights = weights_of(weights_in, x.n, w_keep);
  tinykm::fit_params p;
  p.k = k;
  p.n_init = n_init;
  p.max_iter = max_iter;
  p.tol = tol;
  p.seed = seed;
  p.empty_cluster = from_name<tinykm::empty_cluster_policy>(
      empty_cluster,
      {{"relocate_farthest", tinykm::empty_cluster_policy::relocate_farthest},
       {"keep", tinykm::empty_cluster_policy::keep},
       {"split_largest", tinykm::empty_cluster_policy::split_largest}},
      "empty_cluster");
  p.algorithm = from_name<tinykm::lloyd_algorithm>(  // the same model either way
      algorithm,
      {{"auto", tinykm::lloyd_algorithm::automatic},
       {"lloyd", tinykm::lloyd_algorithm::lloyd},
       {"bounded", tinykm::lloyd_algorithm::bounded},
       {"elkan", tinykm::lloyd_algorithm::bounded}},  // scikit-learn's name for bounds
      "algorithm");
  p.refine = from_name<tinykm::refinement>(
      refine, {{"none", tinykm::refinement::none}, {"hartigan", tinykm::refinement::hartigan},
              {"split_merge", tinykm::refinement::split_merge}},
      "refine");
  rows user;
  if (!init_centres.is_none()) {
    user = as_rows(init_centres, "init");
    if (user.n != k || user.d != x.d)
      throw py::value_error("init: dimension_mismatch: expected shape (" + std::to_string(k) + ", " +
                            std::to_string(x.d) + "), got (" + std::to_string(user.n) + ", " +
                            std::to_string(user.d) + ")");
    p.init = tinykm::init_method::user;
    p.initial_centroids = user.data();
  } else {
    p.init = from_name<tinykm::init_method>(init,
                                            {{"auto", tinykm::init_method::automatic},
                                             {"k-means++", tinykm::init_method::kmeans_plus_plus},
                                             {"random", tinykm::init_method::random},
                                             {"farthest", tinykm::init_method::farthest_point},
                                             {"k-means||", tinykm::init_method::kmeans_parallel}},
                                            "init");
  }
  f32_array centres_out({static_cast<py::ssize_t>(k), static_cast<py::ssize_t>(x.d)});
  tinykm::model_view model{centres_out.mutable_data(), k * x.d, 0, 0};
  i32_array labels(static_cast<py::ssize_t>(x.n));
  std::int32_t* labels_out = labels.mutable_data();
  tinykm::fit_result result;
  tinykm::status s;
  {
    py::gil_scoped_release unlocked;
    const threads_for threads(n_threads, x.n);
    p.parallel = threads.parallel();
    const std::size_t bytes = tinykm::fit_workspace_size(p, x.n, x.d);
    if (bytes == SIZE_MAX) throw std::bad_alloc();
    const std::unique_ptr<unsigned char[]> workspace(new unsigned char[bytes]);
    s = tinykm::fit(x.data(), x.n, x.d, weights, p, model, workspace.get(), bytes, &result);
    // labels_ are the training points' nearest final centres, as scikit-learn's.
    if (s == tinykm::status::ok) s = tinykm::predict(model, x.data(), x.n, x.d, labels_out, p.parallel);
  }
  check(s, "fit");
  return py::make_tuple(centres_out, labels, result.inertia, result.iterations, result.converged);
}

i32_array predict(py::handle c, py::handle x_in, std::size_t n_threads) {
  const centres model = as_centres(c);
  return labels_of(model.view(), as_rows(x_in, "X"), n_threads);
}

f32_array transform(py::handle c, py::handle x_in) {
  const centres model = as_centres(c);
  const rows x = as_rows(x_in, "X");
  f32_array out({static_cast<py::ssize_t>(x.n), static_cast<py::ssize_t>(model.r.n)});
  float* distances = out.mutable_data();
  tinykm::status s;
  {
    py::gil_scoped_release unlocked;
    s = tinykm::transform(model.view(), x.data(), x.n, x.d, distances, x.n * model.r.n);
  }
  check(s, "transform");
  return out;
}

double score(py::handle c, py::handle x_in, py::handle weights_in) {
  const centres model = as_centres(c);
  const rows x = as_rows(x_in, "X");
  f32_array w_keep;
  const float* weights = weights_of(weights_in, x.n, w_keep);
  double out = 0.0;
  tinykm::status s;
  {
    py::gil_scoped_release unlocked;
    s = tinykm::score(model.view(), x.data(), x.n, x.d, weights, &out);
  }
  check(s, "score");
  return out;
}

void force_backend(const std::string& name) {
  check(tinykm::force_backend(from_name<tinykm::backend>(name,
                                                         {{"auto", tinykm::backend::automatic},
                                                          {"scalar", tinykm::backend::scalar},
                                                          {"highway", tinykm::backend::highway},
                                                          {"xsimd", tinykm::backend::xsimd}},
                                                         "backend")),
        "force_backend");
}

}  // namespace

void add_batch(py::module_& m) {
  m.def("fit", &fit, "Batch k-means: (centres, labels, inertia, n_iter, converged).", py::arg("X"),
        py::arg("sample_weight"), py::arg("n_clusters"), py::arg("init"), py::arg("init_centers"),
        py::arg("n_init"), py::arg("max_iter"), py::arg("tol"), py::arg("empty_cluster"), py::arg("seed"),
        py::arg("n_threads"), py::arg("algorithm") = "auto",
        py::arg("refine") = "none");
  m.def("predict", &predict, "Index of each row's nearest centre (int32).", py::arg("centers"), py::arg("X"),
        py::arg("n_threads") = 1);
  m.def("transform", &transform, "Euclidean distance of each row to every centre (float32).",
        py::arg("centers"), py::arg("X"));
  m.def("score", &score, "Minus the (weighted) inertia of X.", py::arg("centers"), py::arg("X"),
        py::arg("sample_weight") = py::none());
  m.def("force_backend", &force_backend,
        "Chooses the kernels of every later call, process-wide: 'auto', 'scalar', 'highway' or 'xsimd'.",
        py::arg("name"));
  m.def("backend_name", &tinykm::backend_name, "Name of the kernels in use, e.g. 'hwy:AVX2'.");
}

}  // namespace tinykm_py
