#include "svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tinykm_cli {

namespace {

constexpr double panel = 440.0;  // each panel's plotting square, in SVG units
constexpr double left_x = 60.0, right_x = 580.0, top_y = 50.0;

// Tableau's ten colours, then golden-angle hues for more clusters.
std::string colour(std::int32_t label) {
  static const char* const tab10[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  if (label >= 0 && label < 10) return tab10[label];
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "hsl(%d,65%%,45%%)", (label * 137) % 360);
  return buffer;
}

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
  // Panel coordinate of v, with a 4 % margin; a flat range maps to the middle.
  double scale(double v) const {
    if (!(hi > lo)) return panel / 2;
    const double margin = 0.04 * (hi - lo);
    return (v - lo + margin) / (hi - lo + 2 * margin) * panel;
  }
};

std::string text(double x, double y, const std::string& s, const char* extra = "") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" " + extra + ">" + escape(s) + "</text>\n";
}

std::string frame(double x0, const std::string& title) {
  return "<rect x=\"" + num(x0) + "\" y=\"" + num(top_y) + "\" width=\"" + num(panel) +
         "\" height=\"" + num(panel) + "\" fill=\"none\" stroke=\"#444\"/>\n" +
         text(x0 + panel / 2, top_y - 12, title, "text-anchor=\"middle\" font-size=\"15\"");
}

std::string scatter(const plot_data& p) {
  range xs, ys;
  for (const std::vector<double>* v : {&p.xy, &p.centres_xy})
    for (std::size_t i = 0; i < v->size(); i += 2) {
      xs.add((*v)[i]);
      ys.add((*v)[i + 1]);
    }
  std::string out = frame(left_x, p.title);
  out += text(left_x + panel / 2, top_y + panel + 30, p.x_label, "text-anchor=\"middle\"");
  out += text(left_x - 20, top_y + panel / 2, p.y_label,
              ("text-anchor=\"middle\" transform=\"rotate(-90 " + num(left_x - 20) + " " +
               num(top_y + panel / 2) + ")\"").c_str());
  out += "<g fill-opacity=\"0.6\">\n";
  for (std::size_t i = 0; i < p.labels.size(); ++i)
    out += "<circle cx=\"" + num(left_x + xs.scale(p.xy[2 * i])) + "\" cy=\"" +
           num(top_y + panel - ys.scale(p.xy[2 * i + 1])) + "\" r=\"2\" fill=\"" +
           colour(p.labels[i]) + "\"/>\n";
  out += "</g>\n";
  for (std::size_t c = 0; 2 * c < p.centres_xy.size(); ++c) {
    const double x = left_x + xs.scale(p.centres_xy[2 * c]);
    const double y = top_y + panel - ys.scale(p.centres_xy[2 * c + 1]);
    const std::string cross = "M" + num(x - 7) + " " + num(y - 7) + "L" + num(x + 7) + " " +
                              num(y + 7) + "M" + num(x - 7) + " " + num(y + 7) + "L" +
                              num(x + 7) + " " + num(y - 7);
    out += "<path d=\"" + cross + "\" stroke=\"black\" stroke-width=\"5\"/>\n";
    out += "<path d=\"" + cross + "\" stroke=\"" + colour(static_cast<std::int32_t>(c)) +
           "\" stroke-width=\"2.5\"/>\n";
  }
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
  out += text(right_x + panel / 2, top_y + panel + 30, "iteration", "text-anchor=\"middle\"");
  if (p.curves.empty()) return out;
  char label[64];
  std::snprintf(label, sizeof label, "%.6g", inertia.hi);
  out += text(right_x + 4, top_y + 16, std::string("max ") + label, "font-size=\"12\"");
  std::snprintf(label, sizeof label, "%.6g", inertia.lo);
  out += text(right_x + 4, top_y + panel - 6, std::string("min ") + label, "font-size=\"12\"");
  out += text(right_x + panel - 4, top_y + panel - 6, std::to_string(static_cast<long>(its.hi)),
              "font-size=\"12\" text-anchor=\"end\"");
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

}  // namespace

std::string svg_plot(const plot_data& plot) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1060\" height=\"540\" "
         "viewBox=\"0 0 1060 540\" font-family=\"sans-serif\" font-size=\"14\">\n"
         "<rect width=\"1060\" height=\"540\" fill=\"white\"/>\n" +
         scatter(plot) + convergence(plot) + "</svg>\n";
}

}  // namespace tinykm_cli
