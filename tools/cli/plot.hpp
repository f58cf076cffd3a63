// `--plot`: draws at most max_points of the data (evenly spaced rows), projected on two chosen
// columns or on the first two principal components, and writes the SVG.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "matrix.hpp"
#include "tinykm/model.hpp"

namespace tinykm_cli {

struct plot_request {
  std::string path;
  std::string columns;  // "i,j", or empty for principal components
  std::size_t max_points = 5000;
};

// Checks the request against d before the fit runs.
bool check_plot_columns(const plot_request& request, std::size_t d, std::size_t* x,
                        std::size_t* y, std::string& error);

// Labels the drawn rows with `model` and writes the file; *drawn receives the point count.
bool write_plot(const plot_request& request, const matrix& data, const tinykm::model_view& model,
                const std::vector<std::vector<double>>& curves, std::size_t best_curve,
                std::size_t* drawn, std::string& error);

}  // namespace tinykm_cli
