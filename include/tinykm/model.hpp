// Where a model's centroids live. Every algorithm works on a model_view; static_model is one way
// to own the storage without a heap. No function body is templated on capacity, so firmware
// flash holds one copy of the code whatever sizes the application uses.
#pragma once

#include <cstddef>

namespace tinykm {

// A model over caller memory: `capacity` floats at `centroids`, of which the first k x d hold the
// centres row-major. k == 0 means "not fitted". fit() and load functions set k and d.
struct model_view {
  float* centroids = nullptr;
  std::size_t capacity = 0;  // floats available at centroids
  std::size_t k = 0;
  std::size_t d = 0;
};

// A model that owns storage for up to KMax clusters of up to DMax features, e.g. as a global in
// firmware. Pass view() to the library; the fit() overload in kmeans.hpp does this for you.
template <std::size_t KMax, std::size_t DMax>
struct static_model {
  static_assert(KMax > 0 && DMax > 0, "a model needs room for at least one centre");
  static_assert(KMax <= static_cast<std::size_t>(-1) / DMax, "KMax x DMax overflows size_t");

  alignas(64) float centroids[KMax * DMax] = {};
  std::size_t k = 0;
  std::size_t d = 0;

  static constexpr std::size_t max_clusters = KMax;
  static constexpr std::size_t max_features = DMax;

  model_view view() noexcept { return model_view{centroids, KMax * DMax, k, d}; }
  model_view view() const noexcept {
    return model_view{const_cast<float*>(centroids), KMax * DMax, k, d};
  }
  // Takes the shape a library call wrote into a view of this model.
  void adopt_shape(const model_view& v) noexcept {
    k = v.k;
    d = v.d;
  }
};

}  // namespace tinykm
