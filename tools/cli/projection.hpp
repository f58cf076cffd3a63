// A 2-D view of d-dimensional points for the plot: two chosen columns, or the first two
// principal components (power iteration on the covariance of the given rows, never forming the
// d x d matrix: each step is two passes over the rows).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "matrix.hpp"

namespace tinykm_cli {

struct projection {
  std::vector<double> mean;  // d
  std::vector<double> axes;  // 2 x d; each row a unit vector (or a column selector)
  std::string x_label, y_label;

  void apply(const float* point, std::size_t d, double& x, double& y) const;
};

// The principal components of data's rows listed in `rows` (columns 0 and 1 when d <= 2).
projection principal_components(const matrix& data, const std::vector<std::size_t>& rows);
projection chosen_columns(std::size_t d, std::size_t x_column, std::size_t y_column);

}  // namespace tinykm_cli
