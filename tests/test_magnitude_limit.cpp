// The magnitude limit of the numeric contract, pinned to its formula, sqrt(FLT_MAX / (4 d)) less
// one part in 4096, and held at the last float on each side by every entry point that checks it:
// fit (points, user centroids), predict / transform / inertia (points and a model's centres), lloyd_begin,
// stream_seed, stream_update (warming up and ready), stream_update_batch, stream_score, save and
// load of models and streams.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "crc32.hpp"
#include "stream_support.hpp"
#include "tinykm/lloyd_steps.hpp"
#include "validate.hpp"

using tinykm::status;

namespace {

const std::size_t kDs[] = {1, 3, 7, 100, tinykm::max_d};

// The limit from the README's formula, in double.
double formula(std::size_t d) {
  return std::sqrt(static_cast<double>(FLT_MAX) / (4.0 * static_cast<double>(d))) * (1.0 - 0x1p-12);
}

// n = 4 points of d zeros, then the float at `at` set to v.
std::vector<float> zeros_with(std::size_t n, std::size_t d, std::size_t at, float v) {
  std::vector<float> x(n * d, 0.0f);
  x[at] = v;
  return x;
}

tinykm::stream_params small_stream() {
  tinykm::stream_params p;
  p.k = 2;
  p.reservoir = 4;
  return p;
}

// A stream of d features made ready from centres at 0 and 1.
void seeded(tkt::owned_stream& s, std::size_t d) {
  REQUIRE(tinykm::stream_init(small_stream(), d, s.state) == status::ok);
  std::vector<float> c(2 * d, 0.0f);
  c[d] = 1.0f;
  REQUIRE(tinykm::stream_seed(s.state, c.data()) == status::ok);
}

// Writes a float into a blob at `at` and re-seals its CRC.
void patch(std::vector<unsigned char>& blob, std::size_t at, float v) {
  std::memcpy(&blob[at], &v, 4);  // the test host is little-endian, as the format
  const std::uint32_t crc = tinykm::detail::crc32(blob.data(), blob.size() - 4);
  for (std::size_t i = 0; i < 4; ++i)
    blob[blob.size() - 4 + i] = static_cast<unsigned char>(crc >> (8 * i));
}

struct probe {
  const char* what;
  status refused;  // what it returns past the limit
  std::function<status(std::size_t d, float v)> call;
};

std::vector<probe> probes() {
  const std::size_t n = 4;
  std::vector<probe> out;
  const auto fit_with = [](std::size_t d, const std::vector<float>& x, const float* user) {
    tinykm::fit_params p;
    p.k = 2;
    p.init = user != nullptr ? tinykm::init_method::user : tinykm::init_method::random;
    p.initial_centroids = user;
    const tkt::fit_out f = tkt::run_fit(x.data(), n, d, nullptr, p);
    // Inside the limit the fit must end finite (README: values just inside fit to finite
    // centres and inertia).
    if (f.st == status::ok && !(tkt::all_finite(f.centroids) && std::isfinite(f.result.inertia)))
      return status::non_finite_input;
    return f.st;
  };
  out.push_back({"fit points", status::out_of_range, [=](std::size_t d, float v) {
                   return fit_with(d, zeros_with(n, d, d + d / 2, v), nullptr);
                 }});
  out.push_back({"fit user centroids", status::out_of_range, [=](std::size_t d, float v) {
                   const std::vector<float> c = zeros_with(2, d, d - 1, v);
                   return fit_with(d, zeros_with(n, d, 0, 1.0f), c.data());
                 }});
  const auto model_call = [](std::size_t d, float v, int which, bool in_points) {
    std::vector<float> c = zeros_with(2, d, d, in_points ? 1.0f : v);
    const tinykm::model_view m{c.data(), c.size(), 2, d};
    const std::vector<float> x = zeros_with(n, d, 1 % d, in_points ? v : 0.5f);
    std::vector<std::int32_t> labels(n);
    std::vector<float> dist(2 * n);
    double inertia = 0.0;
    if (which == 0) return tinykm::predict(m, x.data(), n, d, labels.data());
    if (which == 1) return tinykm::transform(m, x.data(), n, d, dist.data(), dist.size());
    if (which == 2) return tinykm::inertia(m, x.data(), n, d, nullptr, &inertia);
    std::vector<unsigned char> blob(tinykm::save_size(m));
    return tinykm::save(m, blob.data(), blob.size());
  };
  const char* const model_calls[] = {"predict", "transform", "inertia", "save model"};
  for (int which = 0; which < 4; ++which)
    out.push_back({model_calls[which], status::out_of_range,
                   [=](std::size_t d, float v) { return model_call(d, v, which, false); }});
  const char* const point_calls[] = {"predict points", "transform points", "inertia points"};
  for (int which = 0; which < 3; ++which)
    out.push_back({point_calls[which], status::out_of_range,
                   [=](std::size_t d, float v) { return model_call(d, v, which, true); }});
  out.push_back({"load model", status::corrupt_model, [](std::size_t d, float v) {
                   std::vector<float> c(2 * d, 0.0f), back(2 * d);
                   const tinykm::model_view m{c.data(), c.size(), 2, d};
                   std::vector<unsigned char> blob(tinykm::save_size(m));
                   REQUIRE(tinykm::save(m, blob.data(), blob.size()) == status::ok);
                   patch(blob, 16 + 4 * (2 * d - 1), v);
                   tinykm::model_view b{back.data(), back.size(), 0, 0};
                   return tinykm::load(blob.data(), blob.size(), b);
                 }});
  const auto lloyd = [](std::size_t d, float v, bool in_points) {
    std::vector<float> x = zeros_with(n, d, 1 % d, in_points ? v : 1.0f);
    std::vector<float> c = zeros_with(2, d, d, in_points ? 1.0f : v);
    const tinykm::model_view m{c.data(), c.size(), 2, d};
    std::vector<unsigned char> ws(tinykm::lloyd_steps_workspace_size(2, d));
    tinykm::lloyd_stepper st;
    return tinykm::lloyd_begin(x.data(), n, d, nullptr, m, 3, 0.0, ws.data(), ws.size(), &st);
  };
  for (const bool in_points : {true, false})
    out.push_back({in_points ? "lloyd_begin points" : "lloyd_begin centres", status::out_of_range,
                   [=](std::size_t d, float v) { return lloyd(d, v, in_points); }});
  out.push_back({"stream_update (warming up)", status::out_of_range, [](std::size_t d, float v) {
                   tkt::owned_stream s(2, d, 4);
                   REQUIRE(tinykm::stream_init(small_stream(), d, s.state) == status::ok);
                   return tinykm::stream_update(s.state, zeros_with(1, d, d - 1, v).data());
                 }});
  out.push_back({"stream_seed", status::out_of_range, [](std::size_t d, float v) {
                   tkt::owned_stream s(2, d, 4);
                   REQUIRE(tinykm::stream_init(small_stream(), d, s.state) == status::ok);
                   return tinykm::stream_seed(s.state, zeros_with(2, d, d / 2, v).data());
                 }});
  const auto ready_call = [](std::size_t d, float v, int which) {
    tkt::owned_stream s(2, d, 4);
    seeded(s, d);
    const std::vector<float> x = zeros_with(2, d, d, v);
    float score = 0.0f;
    if (which == 0) return tinykm::stream_update(s.state, x.data() + d);
    if (which == 1) return tinykm::stream_update_ready(s.state, x.data() + d);
    if (which == 2) return tinykm::stream_update_batch(s.state, x.data(), 2);
    return tinykm::stream_score(s.state, x.data() + d, &score);
  };
  const char* const ready_calls[] = {"stream_update (ready)", "stream_update_ready",
                                     "stream_update_batch", "stream_score"};
  for (int which = 0; which < 4; ++which)
    out.push_back({ready_calls[which], status::out_of_range,
                   [=](std::size_t d, float v) { return ready_call(d, v, which); }});
  out.push_back({"load stream", status::corrupt_model, [](std::size_t d, float v) {
                   tkt::owned_stream s(2, d, 4);
                   seeded(s, d);
                   std::vector<unsigned char> blob(tinykm::save_size(s.state));
                   REQUIRE(tinykm::save(s.state, blob.data(), blob.size()) == status::ok);
                   patch(blob, 16 + 12 + 52 + 36 + 4 * (2 * d - 1), v);  // the last centre feature
                   tkt::owned_stream back(2, d, 4);
                   return tinykm::load(blob.data(), blob.size(), back.state);
                 }});
  return out;
}

}  // namespace

TEST_CASE("magnitude limit: the README's formula, to a few float roundings", "[limits]") {
  for (const std::size_t d : kDs) {
    INFO("d " << d);
    const double want = formula(d);
    CHECK(std::fabs(static_cast<double>(tinykm::detail::magnitude_limit(d)) - want) <=
          want * 0x1p-21);
  }
  CHECK(formula(1) == Approx(9.2e18).epsilon(0.01));  // the README's examples
  CHECK(formula(100) == Approx(9.2e17).epsilon(0.01));
}

TEST_CASE("magnitude limit: every entry point accepts the limit and refuses the next float",
          "[limits]") {
  for (const std::size_t d : kDs) {
    const float limit = tinykm::detail::magnitude_limit(d);
    const float past = std::nextafter(limit, std::numeric_limits<float>::infinity());
    for (const probe& p : probes()) {
      INFO(p.what << ", d " << d << ", limit " << limit);
      CHECK(p.call(d, limit) == status::ok);
      CHECK(p.call(d, -limit) == status::ok);
      CHECK(p.call(d, past) == p.refused);
      CHECK(p.call(d, -past) == p.refused);
    }
  }
}
