// The picture behind `tinykm fit --plot`: plain SVG text, readable in any browser. Left: the
// points in 2-D, one <circle> each, coloured by cluster, the centres as black-edged crosses.
// Right: inertia after each iteration, one line per restart, the winning one in colour. Both
// panels have ticks with round values; below them a legend names each cluster's colour.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tinykm_cli {

struct plot_data {
  std::vector<double> xy;             // 2 per point
  std::vector<std::int32_t> labels;   // 1 per point
  std::vector<double> centres_xy;     // 2 per centre
  std::string x_label, y_label;
  std::vector<std::vector<double>> curves;  // inertia per iteration, per restart
  std::size_t best_curve = 0;
  std::string title;
};

std::string svg_plot(const plot_data& plot);

}  // namespace tinykm_cli
