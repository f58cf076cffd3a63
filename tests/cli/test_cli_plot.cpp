// fit --plot: a legend (each cluster's colour, the centre mark, the restart lines), axis ticks
// with round values placed where the data puts them, and colours that stay apart at k = 64.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <regex>
#include <set>

#include "cli_harness.hpp"
#include "test_support.hpp"

namespace {

struct tick {
  double at, value;
};

// The tick labels of one orientation ("middle": x axis, "end": y axis) of one panel (x range).
std::vector<tick> ticks(const std::string& svg, const std::string& anchor, double x_lo, double x_hi) {
  const std::regex re("<text x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" class=\"tick\" text-anchor=\"" +
                      anchor + "\">([^<]*)</text>");
  std::vector<tick> out;
  for (std::sregex_iterator it(svg.begin(), svg.end(), re), end; it != end; ++it) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    if (x < x_lo || x > x_hi) continue;
    out.push_back({anchor == "middle" ? x : y, std::stod((*it)[3])});
  }
  return out;
}

// Evenly spaced values at evenly spaced places, in order: a linear axis.
void check_linear(const std::vector<tick>& t) {
  REQUIRE(t.size() >= 3);
  for (std::size_t i = 2; i < t.size(); ++i) {
    CHECK(std::fabs((t[i].value - t[i - 1].value) - (t[1].value - t[0].value)) < 1e-9);
    CHECK(std::fabs((t[i].at - t[i - 1].at) - (t[1].at - t[0].at)) < 0.02);
  }
}

}  // namespace

TEST_CASE("the plot has a legend and axis ticks with the data's values", "[cli][plot]") {
  const cli::scratch s("plot_axes");
  // Column 0 spans 0 to 100, column 1 spans 0 to 1000: ticks 0, 20, ... 100 and 0, 200, ... 1000.
  std::vector<float> v;
  for (int i = 0; i <= 100; ++i) {
    v.push_back(static_cast<float>(i));
    v.push_back(static_cast<float>((i * 37) % 101 * 10));
  }
  cli::spit(s.path("d.npy"), cli::npy_f32(v, 101, 2));
  REQUIRE(s.run("fit " + s.path("d.npy") + " -k 3 --n-init 2 -o " + s.path("m.tkm") + " --plot " +
                s.path("p.svg") + " --plot-columns 0,1").code == 0);
  const std::string svg = cli::slurp(s.path("p.svg"));
  for (const char* entry : {">cluster 0<", ">cluster 1<", ">cluster 2<", ">centre<",
                            ">winning restart<", ">other restarts<"})
    CHECK(svg.find(entry) != std::string::npos);
  CHECK(svg.find(">cluster 3<") == std::string::npos);
  CHECK(svg.find("share a hue") == std::string::npos);  // 3 clusters, 3 distinct colours

  const std::vector<tick> x = ticks(svg, "middle", 0, 540), y = ticks(svg, "end", 0, 540);
  check_linear(x);
  check_linear(y);
  std::set<double> xv, yv;
  for (const tick& t : x) xv.insert(t.value);
  for (const tick& t : y) yv.insert(t.value);
  CHECK(xv == std::set<double>{0, 20, 40, 60, 80, 100});
  CHECK(yv == std::set<double>{0, 200, 400, 600, 800, 1000});
  CHECK(y.front().at > y.back().at);  // y grows upwards
  // The convergence panel: whole iteration numbers along x.
  const std::vector<tick> its = ticks(svg, "middle", 560, 1060);
  REQUIRE(!its.empty());
  for (const tick& t : its) CHECK(t.value == std::floor(t.value));
}

TEST_CASE("64 clusters get 64 colours that differ in hue or clearly in lightness", "[cli][plot]") {
  const cli::scratch s("plot_colours");
  tkt::rng r(5);
  std::vector<float> v(2000 * 2);
  for (float& x : v) x = static_cast<float>(r.uniform(0.0, 100.0));
  cli::spit(s.path("d.npy"), cli::npy_f32(v, 2000, 2));
  REQUIRE(s.run("fit " + s.path("d.npy") + " -k 64 -o " + s.path("m.tkm") + " --plot " +
                s.path("p.svg")).code == 0);
  const std::string svg = cli::slurp(s.path("p.svg"));
  // The legend's swatches, in cluster order.
  const std::regex re("<rect x=\"[-0-9.]+\" y=\"[-0-9.]+\" width=\"10\" height=\"10\" "
                      "fill=\"hsl\\(([0-9]+),70%,([0-9]+)%\\)\"/>");
  std::vector<std::pair<int, int>> hl;
  for (std::sregex_iterator it(svg.begin(), svg.end(), re), end; it != end; ++it)
    hl.emplace_back(std::stoi((*it)[1]), std::stoi((*it)[2]));
  REQUIRE(hl.size() == 64);
  for (std::size_t a = 0; a < hl.size(); ++a)
    for (std::size_t b = a + 1; b < hl.size(); ++b) {
      const int dh = std::abs(hl[a].first - hl[b].first), hue_gap = std::min(dh, 360 - dh);
      INFO("clusters " << a << " and " << b);
      CHECK((hue_gap >= 20 || std::abs(hl[a].second - hl[b].second) >= 16));
    }
  CHECK(svg.find("clusters c, c + 16, ... share a hue") != std::string::npos);
  CHECK(cli::count(svg, "<circle") == 2000);  // the legend adds no circles
}
