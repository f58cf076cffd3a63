#include "projection.hpp"

#include <cmath>

namespace tinykm_cli {

namespace {

// Unit vector v maximising the variance of the centred rows, orthogonal to `against` (if given).
std::vector<double> top_direction(const matrix& data, const std::vector<std::size_t>& rows,
                                  const std::vector<double>& mean, const double* against) {
  const std::size_t d = data.cols;
  std::vector<double> v(d), next(d);
  for (std::size_t j = 0; j < d; ++j) v[j] = 1.0 + 0.5 * std::sin(static_cast<double>(j) + 1.0);
  for (int iteration = 0; iteration < 300; ++iteration) {
    if (against != nullptr) {  // Gram-Schmidt keeps v off the first component
      double dot = 0.0;
      for (std::size_t j = 0; j < d; ++j) dot += v[j] * against[j];
      for (std::size_t j = 0; j < d; ++j) v[j] -= dot * against[j];
    }
    double norm = 0.0;
    for (const double x : v) norm += x * x;
    norm = std::sqrt(norm);
    if (norm == 0.0) break;  // no variance left in any other direction
    for (double& x : v) x /= norm;
    // next = X^T X v over the centred rows
    for (double& x : next) x = 0.0;
    for (const std::size_t i : rows) {
      const float* p = data.values.data() + i * d;
      double t = 0.0;
      for (std::size_t j = 0; j < d; ++j) t += (static_cast<double>(p[j]) - mean[j]) * v[j];
      for (std::size_t j = 0; j < d; ++j) next[j] += t * (static_cast<double>(p[j]) - mean[j]);
    }
    double change = 0.0, next_norm = 0.0;
    for (const double x : next) next_norm += x * x;
    next_norm = std::sqrt(next_norm);
    if (next_norm == 0.0) break;
    for (std::size_t j = 0; j < d; ++j) {
      const double u = next[j] / next_norm;
      change += (u - v[j]) * (u - v[j]);
      v[j] = u;
    }
    if (change < 1e-14) break;
  }
  return v;
}

}  // namespace

void projection::apply(const float* point, std::size_t d, double& x, double& y) const {
  x = 0.0;
  y = 0.0;
  for (std::size_t j = 0; j < d; ++j) {
    const double centred = static_cast<double>(point[j]) - mean[j];
    x += centred * axes[j];
    y += centred * axes[d + j];
  }
}

projection chosen_columns(std::size_t d, std::size_t x_column, std::size_t y_column) {
  projection p;
  p.mean.assign(d, 0.0);
  p.axes.assign(2 * d, 0.0);
  p.axes[x_column] = 1.0;
  p.axes[d + y_column] = 1.0;
  p.x_label = "column " + std::to_string(x_column);
  p.y_label = "column " + std::to_string(y_column);
  return p;
}

projection principal_components(const matrix& data, const std::vector<std::size_t>& rows) {
  const std::size_t d = data.cols;
  if (d == 2) return chosen_columns(2, 0, 1);
  if (d == 1) {  // a strip along y = 0
    projection p = chosen_columns(1, 0, 0);
    p.axes[1] = 0.0;
    p.y_label.clear();
    return p;
  }
  projection p;
  p.mean.assign(d, 0.0);
  for (const std::size_t i : rows)
    for (std::size_t j = 0; j < d; ++j) p.mean[j] += static_cast<double>(data.values[i * d + j]);
  for (double& m : p.mean) m /= static_cast<double>(rows.size());
  const std::vector<double> first = top_direction(data, rows, p.mean, nullptr);
  const std::vector<double> second = top_direction(data, rows, p.mean, first.data());
  p.axes = first;
  p.axes.insert(p.axes.end(), second.begin(), second.end());
  p.x_label = "principal component 1";
  p.y_label = "principal component 2";
  return p;
}

}  // namespace tinykm_cli
