// A consumer of tinykm from C++: two planted groups on a line, k = 2, every point labelled with
// its group; and one call of the C API. Built by the find_package and add_subdirectory consumer
// projects.
#include <tinykm/tinykm.h>
#include <tinykm/tinykm.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

int main() {
  const std::size_t n = 100, d = 1;
  std::vector<float> points(n);
  for (std::size_t i = 0; i < n; ++i)  // group i % 2 at 0 or 100, +-1
    points[i] = static_cast<float>(i % 2) * 100.0f + static_cast<float>(i % 3) - 1.0f;

  tinykm::fit_params params;
  params.k = 2;
  std::vector<unsigned char> workspace(tinykm::fit_workspace_size(params, n, d));
  tinykm::static_model<2, 1> model;
  if (tinykm::fit(points.data(), n, d, nullptr, params, model, workspace.data(),
                  workspace.size()) != tinykm::status::ok)
    return 1;
  std::vector<std::int32_t> labels(n);
  if (tinykm::predict(model.view(), points.data(), n, d, labels.data()) != tinykm::status::ok)
    return 1;
  for (std::size_t i = 0; i < n; ++i)
    if (labels[i] != labels[i % 2] || labels[0] == labels[1]) return 1;
  if (std::strcmp(tinykm_backend_name(), tinykm::backend_name()) != 0) return 1;
  std::printf("tinykm consumer: 2 groups found with %s\n", tinykm::backend_name());
  return 0;
}
