#include "svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tinykm_cli {

namespace {

constexpr double panel = 440.0;  // each panel's plotting square, in SVG units
constexpr double left_x = 80.0, right_x = 600.0, top_y = 50.0;

// Up to 10 clusters: Tableau's ten colours. More: a grid of hues x lightness levels, cluster c
// taking hue c % hues and level c / hues, so no two clusters share a colour and clusters that
// share a hue differ by at least 16 % lightness (k = 64: 16 hues 22.5 degrees apart, 4 levels).
struct palette {
  std::size_t k, levels, hues;
  explicit palette(std::size_t clusters)
      : k(clusters), levels(clusters <= 16 ? 1 : clusters <= 32 ? 2 : clusters <= 48 ? 3 : 4),
        hues((clusters + levels - 1) / levels) {}
  std::string colour(std::int32_t label) const {
    static const char* const tab10[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    if (k <= 10 && label >= 0 && label < 10) return tab10[label];
    const auto c = static_cast<std::size_t>(label < 0 ? 0 : label);
    static const int lightness[] = {42, 25, 58, 74};  // pairwise 16 % apart at least
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "hsl(%d,70%%,%d%%)",
                  static_cast<int>(static_cast<double>(c % hues) * 360.0 / static_cast<double>(hues)),
                  lightness[c / hues % 4]);
    return buffer;
  }
};

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

struct range {
  double lo = HUGE_VAL, hi = -HUGE_VAL;  // INFINITY is a float: clang -Wdouble-promotion
  void add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  double margin() const { return 0.04 * (hi - lo); }
  // Panel coordinate of v, with a 4 % margin; a flat range maps to the middle.
  double scale(double v) const {
    if (!(hi > lo)) return panel / 2;
    return (v - lo + margin()) / (hi - lo + 2 * margin()) * panel;
  }
  // About five round values (1, 2 or 5 x 10^n apart) inside the drawn span; whole numbers only
  // when `whole`.
  std::vector<double> ticks(bool whole) const {
    if (!(hi > lo)) return {lo};
    const double span = hi - lo + 2 * margin(), rough = span / 5;
    const double unit = std::pow(10.0, std::floor(std::log10(rough)));
    double step = unit * (rough / unit < 1.5 ? 1 : rough / unit < 3.5 ? 2 : rough / unit < 7.5 ? 5 : 10);
    if (whole) step = std::max(1.0, std::round(step));
    std::vector<double> out;
    for (double t = std::ceil((lo - margin()) / step) * step; t <= hi + margin(); t += step)
      out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    return out;
  }
};

std::string text(double x, double y, const std::string& s, const char* extra = "") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" " + extra + ">" + escape(s) + "</text>\n";
}

std::string value_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

// Tick marks and their values along the bottom (x) and left (y) edges of the panel at x0.
std::string axes(double x0, const range& xs, const range& ys, bool whole_x) {
  std::string out = "<g stroke=\"#444\">\n";
  std::string labels;
  for (const double t : xs.ticks(whole_x)) {
    const double x = x0 + xs.scale(t), y = top_y + panel;
    out += "<line x1=\"" + num(x) + "\" y1=\"" + num(y) + "\" x2=\"" + num(x) + "\" y2=\"" +
           num(y + 5) + "\"/>\n";
    labels += text(x, y + 18, value_text(t), "class=\"tick\" text-anchor=\"middle\"");
  }
  for (const double t : ys.ticks(false)) {
    const double y = top_y + panel - ys.scale(t);
    out += "<line x1=\"" + num(x0 - 5) + "\" y1=\"" + num(y) + "\" x2=\"" + num(x0) + "\" y2=\"" +
           num(y) + "\"/>\n";
    labels += text(x0 - 7, y + 4, value_text(t), "class=\"tick\" text-anchor=\"end\"");
  }
  return out + "</g>\n<g font-size=\"11\">\n" + labels + "</g>\n";
}

std::string frame(double x0, const std::string& title) {
  return "<rect x=\"" + num(x0) + "\" y=\"" + num(top_y) + "\" width=\"" + num(panel) +
         "\" height=\"" + num(panel) + "\" fill=\"none\" stroke=\"#444\"/>\n" +
         text(x0 + panel / 2, top_y - 12, title, "text-anchor=\"middle\" font-size=\"15\"");
}

std::string cross(double x, double y, const std::string& colour) {
  const std::string d = "M" + num(x - 7) + " " + num(y - 7) + "L" + num(x + 7) + " " + num(y + 7) +
                        "M" + num(x - 7) + " " + num(y + 7) + "L" + num(x + 7) + " " + num(y - 7);
  return "<path d=\"" + d + "\" stroke=\"black\" stroke-width=\"5\"/>\n<path d=\"" + d +
         "\" stroke=\"" + colour + "\" stroke-width=\"2.5\"/>\n";
}

std::string scatter(const plot_data& p, const palette& colours) {
  range xs, ys;
  for (const std::vector<double>* v : {&p.xy, &p.centres_xy})
    for (std::size_t i = 0; i < v->size(); i += 2) {
      xs.add((*v)[i]);
      ys.add((*v)[i + 1]);
    }
  std::string out = frame(left_x, p.title) + axes(left_x, xs, ys, false);
  out += text(left_x + panel / 2, top_y + panel + 38, p.x_label, "text-anchor=\"middle\"");
  out += text(left_x - 45, top_y + panel / 2, p.y_label,
              ("text-anchor=\"middle\" transform=\"rotate(-90 " + num(left_x - 45) + " " +
               num(top_y + panel / 2) + ")\"").c_str());
  out += "<g fill-opacity=\"0.6\">\n";
  for (std::size_t i = 0; i < p.labels.size(); ++i)
    out += "<circle cx=\"" + num(left_x + xs.scale(p.xy[2 * i])) + "\" cy=\"" +
           num(top_y + panel - ys.scale(p.xy[2 * i + 1])) + "\" r=\"2\" fill=\"" +
           colours.colour(p.labels[i]) + "\"/>\n";
  out += "</g>\n";
  for (std::size_t c = 0; 2 * c < p.centres_xy.size(); ++c)
    out += cross(left_x + xs.scale(p.centres_xy[2 * c]),
                 top_y + panel - ys.scale(p.centres_xy[2 * c + 1]),
                 colours.colour(static_cast<std::int32_t>(c)));
  return out;
}

std::string convergence(const plot_data& p) {
  range its, inertia;
  its.lo = 1;
  its.hi = 1;
  for (const std::vector<double>& curve : p.curves) {
    its.add(static_cast<double>(curve.size()));
    for (const double v : curve) inertia.add(v);
  }
  std::string out = frame(right_x, "convergence (inertia after each iteration)");
  out += text(right_x + panel / 2, top_y + panel + 38, "iteration", "text-anchor=\"middle\"");
  if (p.curves.empty()) return out;
  out += axes(right_x, its, inertia, true);
  for (std::size_t r = 0; r <= p.curves.size(); ++r) {
    const bool last = r == p.curves.size();  // the winner is drawn last, on top
    const std::vector<double>& curve = p.curves[last ? p.best_curve : r];
    if (!last && r == p.best_curve) continue;
    std::string points;
    for (std::size_t i = 0; i < curve.size(); ++i)
      points += num(right_x + its.scale(static_cast<double>(i + 1))) + "," +
                num(top_y + panel - inertia.scale(curve[i])) + " ";
    out += "<polyline fill=\"none\" stroke=\"" + std::string(last ? "#1f77b4" : "#bbb") +
           "\" stroke-width=\"" + (last ? "2" : "1") + "\" points=\"" + points + "\"/>\n";
  }
  return out;
}

// Below the panels: the symbols (centre, winning and other restarts), a note on shared hues,
// then one swatch per cluster, 16 to a row.
constexpr double legend_y = top_y + panel + 70;
constexpr std::size_t per_row = 16;

double legend_height(std::size_t k) { return 50 + 18 * static_cast<double>((k + per_row - 1) / per_row); }

std::string legend(const palette& colours) {
  std::string out = "<g class=\"legend\" font-size=\"12\">\n";
  out += cross(left_x + 8, legend_y, "white") + text(left_x + 22, legend_y + 4, "centre");
  const double lx = left_x + 100;
  out += "<line x1=\"" + num(lx) + "\" y1=\"" + num(legend_y) + "\" x2=\"" + num(lx + 24) +
         "\" y2=\"" + num(legend_y) + "\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n" +
         text(lx + 30, legend_y + 4, "winning restart");
  out += "<line x1=\"" + num(lx + 150) + "\" y1=\"" + num(legend_y) + "\" x2=\"" + num(lx + 174) +
         "\" y2=\"" + num(legend_y) + "\" stroke=\"#bbb\"/>\n" +
         text(lx + 180, legend_y + 4, "other restarts");
  if (colours.levels > 1)
    out += text(lx + 300, legend_y + 4,
                std::to_string(colours.k) + " clusters in " + std::to_string(colours.hues) +
                    " hues x " + std::to_string(colours.levels) + " shades: clusters c, c + " +
                    std::to_string(colours.hues) + ", ... share a hue");
  for (std::size_t c = 0; c < colours.k; ++c) {
    const double x = left_x + static_cast<double>(c % per_row) * 62;
    const double y = legend_y + 22 + static_cast<double>(c / per_row) * 18;
    out += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"10\" height=\"10\" fill=\"" +
           colours.colour(static_cast<std::int32_t>(c)) + "\"/>\n" +
           text(x + 14, y + 9, "cluster " + std::to_string(c));
  }
  return out + "</g>\n";
}

}  // namespace

std::string svg_plot(const plot_data& plot) {
  const palette colours(plot.centres_xy.size() / 2);
  const std::string height = num(legend_y + legend_height(colours.k));
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1060\" height=\"" + height +
         "\" viewBox=\"0 0 1060 " + height + "\" font-family=\"sans-serif\" font-size=\"14\">\n"
         "<rect width=\"1060\" height=\"" + height + "\" fill=\"white\"/>\n" +
         scatter(plot, colours) + convergence(plot) + legend(colours) + "</svg>\n";
}

}  // namespace tinykm_cli
