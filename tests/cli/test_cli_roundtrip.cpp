// The tinykm tool on generated files: fit + predict recovers planted clusters, transform agrees
// with predict, --plot draws what it says, and the model does not depend on --plot.
#include <catch2/catch.hpp>

#include "cli_harness.hpp"
#include "test_support.hpp"

namespace {

tkt::blobs planted(std::size_t per_cluster, std::size_t d, std::uint64_t seed) {
  return tkt::make_blobs({per_cluster, per_cluster, per_cluster, per_cluster}, d, 10.0, 8.0, 0.5,
                         seed);
}

std::vector<std::int32_t> csv_labels(const std::string& text) {
  std::vector<std::int32_t> labels;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) labels.push_back(std::stoi(line));
  return labels;
}

}  // namespace

TEST_CASE("fit then predict recovers planted blobs from .npy and CSV", "[cli]") {
  const cli::scratch s("roundtrip");
  const tkt::blobs b = planted(300, 5, 11);
  REQUIRE(b.separated);
  cli::spit(s.path("data.npy"), cli::npy_f32(b.points, b.n, b.d));
  cli::spit(s.path("data.csv"), "f0,f1,f2,f3,f4\n" + cli::csv(b.points, b.d));

  const cli::result fit = s.run("fit " + s.path("data.npy") + " -k 4 --n-init 3 -o " + s.path("m.tkm"));
  REQUIRE(fit.code == 0);
  CHECK(fit.err.empty());
  REQUIRE(s.run("predict " + s.path("m.tkm") + " " + s.path("data.npy") + " -o " + s.path("l.npy")).code == 0);
  const std::vector<std::int32_t> labels = cli::read_npy_i32(s.path("l.npy"));
  REQUIRE(labels.size() == b.n);
  CHECK(tkt::adjusted_rand_index(labels, b.labels) == Approx(1.0));

  // The CSV copy (with a header line) gives the same model and labels, in CSV or on stdout.
  REQUIRE(s.run("fit " + s.path("data.csv") + " -k 4 --n-init 3 -o " + s.path("m2.tkm")).code == 0);
  CHECK(cli::slurp(s.path("m.tkm")) == cli::slurp(s.path("m2.tkm")));
  REQUIRE(s.run("predict " + s.path("m.tkm") + " " + s.path("data.csv") + " -o " + s.path("l.csv")).code == 0);
  CHECK(csv_labels(cli::slurp(s.path("l.csv"))) == labels);
  CHECK(csv_labels(s.run("predict " + s.path("m.tkm") + " " + s.path("data.csv")).out) == labels);
}

TEST_CASE("float64 input and weights are read", "[cli]") {
  const cli::scratch s("float64");
  const tkt::blobs b = planted(100, 3, 12);
  std::vector<double> wide(b.points.begin(), b.points.end());
  cli::spit(s.path("data.npy"), cli::npy_file("<f8", "False", "(400, 3)", wide.data(), wide.size() * 8));
  std::vector<float> weights(b.n, 2.0f);
  cli::spit(s.path("w.npy"), cli::npy_file("<f4", "False", "(400,)", weights.data(), weights.size() * 4));
  REQUIRE(s.run("fit " + s.path("data.npy") + " -k 4 --weights " + s.path("w.npy") + " -o " + s.path("m.tkm")).code == 0);
  REQUIRE(s.run("predict " + s.path("m.tkm") + " " + s.path("data.npy") + " -o " + s.path("l.npy")).code == 0);
  CHECK(tkt::adjusted_rand_index(cli::read_npy_i32(s.path("l.npy")), b.labels) == Approx(1.0));

  weights.pop_back();  // one weight short
  cli::spit(s.path("w.npy"), cli::npy_file("<f4", "False", "(399,)", weights.data(), weights.size() * 4));
  const cli::result short_weights =
      s.run("fit " + s.path("data.npy") + " -k 4 --weights " + s.path("w.npy") + " -o " + s.path("m.tkm"));
  CHECK(short_weights.code == 1);
  CHECK(cli::count(short_weights.err, "\n") == 1);
}

TEST_CASE("transform gives distances whose nearest centre is predict's label", "[cli]") {
  const cli::scratch s("transform");
  const tkt::blobs b = planted(50, 2, 13);
  cli::spit(s.path("data.npy"), cli::npy_f32(b.points, b.n, b.d));
  REQUIRE(s.run("fit " + s.path("data.npy") + " -k 4 -o " + s.path("m.tkm")).code == 0);
  const std::vector<std::int32_t> labels =
      csv_labels(s.run("predict " + s.path("m.tkm") + " " + s.path("data.npy")).out);
  const cli::result t = s.run("transform " + s.path("m.tkm") + " " + s.path("data.npy"));
  REQUIRE(t.code == 0);
  std::istringstream in(t.out);
  std::size_t row = 0;
  for (std::string line; std::getline(in, line); ++row) {
    std::vector<double> d;
    std::istringstream fields(line);
    for (std::string f; std::getline(fields, f, ',');) d.push_back(std::stod(f));
    REQUIRE(d.size() == 4);
    REQUIRE(row < labels.size());
    CHECK(std::min_element(d.begin(), d.end()) - d.begin() == labels[row]);
  }
  CHECK(row == b.n);
}

TEST_CASE("fit --plot writes an SVG with one circle per drawn point and the same model", "[cli]") {
  const cli::scratch s("plot");
  const tkt::blobs small = planted(150, 3, 14);
  cli::spit(s.path("small.npy"), cli::npy_f32(small.points, small.n, small.d));
  REQUIRE(s.run("fit " + s.path("small.npy") + " -k 4 --n-init 2 -o " + s.path("a.tkm")).code == 0);
  REQUIRE(s.run("fit " + s.path("small.npy") + " -k 4 --n-init 2 -o " + s.path("b.tkm") +
                " --plot " + s.path("p.svg")).code == 0);
  CHECK(cli::slurp(s.path("a.tkm")) == cli::slurp(s.path("b.tkm")));
  const std::string svg = cli::slurp(s.path("p.svg"));
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("</svg>") != std::string::npos);
  CHECK(cli::count(svg, "<circle") == small.n);
  CHECK(cli::count(svg, "<polyline") == 2);  // one convergence line per restart
  CHECK(cli::count(svg, "<") == cli::count(svg, ">"));

  // Big files are subsampled to 5000 drawn points; chosen columns replace the projection.
  const tkt::blobs big = planted(1600, 3, 15);
  cli::spit(s.path("big.npy"), cli::npy_f32(big.points, big.n, big.d));
  REQUIRE(s.run("fit " + s.path("big.npy") + " -k 4 -o " + s.path("c.tkm") + " --plot " +
                s.path("q.svg") + " --plot-columns 2,0").code == 0);
  const std::string big_svg = cli::slurp(s.path("q.svg"));
  CHECK(cli::count(big_svg, "<circle") == 5000);
  CHECK(big_svg.find("column 2") != std::string::npos);
  const cli::result bad = s.run("fit " + s.path("big.npy") + " -k 4 -o " + s.path("c.tkm") +
                                " --plot " + s.path("q.svg") + " --plot-columns 0,3");
  CHECK(bad.code == 1);
  CHECK(cli::count(bad.err, "\n") == 1);
}

TEST_CASE("info reads the model back, stream flags injected outliers", "[cli]") {
  const cli::scratch s("stream");
  tkt::blobs b = planted(500, 3, 16);
  // Far-away samples after the warm-up reservoir (400 samples).
  const std::size_t outliers[] = {900, 1300, 1700};
  for (const std::size_t row : outliers)
    for (std::size_t j = 0; j < 3; ++j) b.points[row * 3 + j] = 500.0f;
  cli::spit(s.path("data.npy"), cli::npy_f32(b.points, b.n, b.d));
  const cli::result r = s.run("stream " + s.path("data.npy") + " -k 4 --reservoir 400 --anomaly-threshold 5");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("row 399: ready") != std::string::npos);
  for (const std::size_t row : outliers)
    CHECK(r.out.find("row " + std::to_string(row) + ": anomaly") != std::string::npos);

  REQUIRE(s.run("fit " + s.path("data.npy") + " -k 4 -o " + s.path("m.tkm")).code == 0);
  const cli::result info = s.run("info " + s.path("m.tkm"));
  REQUIRE(info.code == 0);
  CHECK(info.out.find("k = 4 clusters of d = 3 features") != std::string::npos);
  CHECK(cli::count(info.out, "centre ") == 4);
}

TEST_CASE("stream reports the warm-up and a reseed when a cluster stops getting samples", "[cli]") {
  const cli::scratch s("reseed");
  const tkt::blobs b = planted(700, 3, 17);
  // The first 400 rows (all four blobs) warm up; after that blob 3 never appears again, so with
  // a half-life of 50 samples its cluster's weight dies out.
  std::vector<float> rows(b.points.begin(), b.points.begin() + 400 * 3);
  for (std::size_t i = 400; i < b.n; ++i)
    if (b.labels[i] != 3) rows.insert(rows.end(), &b.points[i * 3], &b.points[i * 3] + 3);
  cli::spit(s.path("data.npy"), cli::npy_f32(rows, rows.size() / 3, 3));
  const cli::result r = s.run("stream " + s.path("data.npy") +
                              " -k 4 --reservoir 400 --half-life 50 --anomaly-threshold 100");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("row 399: ready") != std::string::npos);
  CHECK(r.out.find(": reseed") != std::string::npos);
  CHECK(r.out.find(": anomaly") == std::string::npos);
}
