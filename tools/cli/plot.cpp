#include "plot.hpp"

#include <cstdio>
#include <cstdlib>

#include "file_bytes.hpp"
#include "projection.hpp"
#include "svg_plot.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm_cli {

bool check_plot_columns(const plot_request& request, std::size_t d, std::size_t* x,
                        std::size_t* y, std::string& error) {
  if (request.columns.empty()) return true;
  const char* text = request.columns.c_str();
  char* comma = nullptr;
  char* end = nullptr;
  const unsigned long long a = std::strtoull(text, &comma, 10);
  const unsigned long long b = *comma == ',' ? std::strtoull(comma + 1, &end, 10) : 0;
  if (comma == text || *comma != ',' || end == comma + 1 || *end != '\0' || a >= d || b >= d ||
      request.columns.find('-') != std::string::npos) {
    error = "--plot-columns: expected two column numbers below " + std::to_string(d) +
            " like 0,1, got '" + request.columns + "'";
    return false;
  }
  *x = static_cast<std::size_t>(a);
  *y = static_cast<std::size_t>(b);
  return true;
}

bool write_plot(const plot_request& request, const matrix& data, const tinykm::model_view& model,
                const std::vector<std::vector<double>>& curves, std::size_t best_curve,
                std::size_t* drawn, std::string& error) {
  const std::size_t n = data.rows, d = data.cols;
  const std::size_t count = n < request.max_points ? n : request.max_points;
  std::vector<std::size_t> rows(count);
  for (std::size_t i = 0; i < count; ++i) rows[i] = i * n / count;  // evenly spaced, no repeats

  std::size_t x_column = 0, y_column = 0;
  if (!check_plot_columns(request, d, &x_column, &y_column, error)) return false;
  const projection view = request.columns.empty() ? principal_components(data, rows)
                                                  : chosen_columns(d, x_column, y_column);
  plot_data plot;
  plot.x_label = view.x_label;
  plot.y_label = view.y_label;
  plot.curves = curves;
  plot.best_curve = best_curve;
  plot.title = std::to_string(count) + " of " + std::to_string(n) + " points, k = " +
               std::to_string(model.k);
  std::vector<float> points(count * d);
  for (std::size_t i = 0; i < count; ++i)
    for (std::size_t j = 0; j < d; ++j) points[i * d + j] = data.values[rows[i] * d + j];
  plot.labels.resize(count);
  const tinykm::status s = tinykm::predict(model, points.data(), count, d, plot.labels.data());
  if (s != tinykm::status::ok) {
    error = std::string("plot: ") + tinykm::to_string(s);
    return false;
  }
  plot.xy.resize(2 * count);
  for (std::size_t i = 0; i < count; ++i)
    view.apply(&points[i * d], d, plot.xy[2 * i], plot.xy[2 * i + 1]);
  plot.centres_xy.resize(2 * model.k);
  for (std::size_t c = 0; c < model.k; ++c)
    view.apply(model.centroids + c * d, d, plot.centres_xy[2 * c], plot.centres_xy[2 * c + 1]);
  *drawn = count;
  return write_file(request.path, svg_plot(plot), error);
}

}  // namespace tinykm_cli
