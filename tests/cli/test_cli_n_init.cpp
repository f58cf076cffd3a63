// `tinykm fit --n-init N --seed S` is the library's fit() with n_init = N and seed = S, byte for
// byte: in one call (plain), restart by restart (--plot traces every restart) and in chains of
// a few iterations (--progress), for every initialisation.
#include <catch2/catch.hpp>

#include <string>

#include "cli_harness.hpp"
#include "test_support.hpp"
#include "tinykm/kmeans.hpp"
#include "tinykm/serialize.hpp"

namespace {

struct library_fit {
  std::string blob;  // the model as save() writes it
  tinykm::fit_result result;
};

library_fit fit_directly(const tkt::blobs& b, const tinykm::fit_params& params) {
  std::vector<unsigned char> workspace(tinykm::fit_workspace_size(params, b.n, b.d));
  std::vector<float> centres(params.k * b.d);
  tinykm::model_view model{centres.data(), centres.size(), 0, 0};
  library_fit out;
  REQUIRE(tinykm::fit(b.points.data(), b.n, b.d, nullptr, params, model, workspace.data(),
                      workspace.size(), &out.result) == tinykm::status::ok);
  out.blob.resize(tinykm::save_size(model));
  REQUIRE(tinykm::save(model, &out.blob[0], out.blob.size()) == tinykm::status::ok);
  return out;
}

// The whole number after "key": in a --json summary.
long json_field(const std::string& json, const std::string& key) {
  const std::size_t at = json.find("\"" + key + "\": ");
  REQUIRE(at != std::string::npos);
  return std::stol(json.substr(at + key.size() + 4));
}

}  // namespace

TEST_CASE("fit --n-init N --seed S gives the library's model for n_init = N, seed = S", "[cli][n_init]") {
  const cli::scratch s("n_init");
  // Overlapping blobs: restarts end in different local minima, so the winner varies.
  const tkt::blobs b = tkt::make_blobs({60, 50, 40, 70, 30, 50}, 3, 4.0, 1.0, 1.5, 21);
  const std::string data = s.path("d.npy");
  cli::spit(data, cli::npy_f32(b.points, b.n, b.d));
  const std::pair<const char*, tinykm::init_method> inits[] = {
      {"k-means++", tinykm::init_method::kmeans_plus_plus},
      {"random", tinykm::init_method::random},
      {"farthest", tinykm::init_method::farthest_point},
      {"'k-means||'", tinykm::init_method::kmeans_parallel}};  // quoted for the shell
  std::size_t later_restart_won = 0;
  for (const auto& init : inits)
    for (const std::uint32_t n_init : {1u, 4u, 9u})
      for (const std::uint64_t seed : {0ull, 7ull, 18446744073709551615ull}) {
        tinykm::fit_params params;
        params.k = 6;
        params.init = init.second;
        params.n_init = n_init;
        params.seed = seed;
        const library_fit expected = fit_directly(b, params);
        later_restart_won += expected.result.best_init != 0 ? 1 : 0;
        const std::string options = " -k 6 --init " + std::string(init.first) + " --n-init " +
                                    std::to_string(n_init) + " --seed " + std::to_string(seed) +
                                    " --json -o " + s.path("m.tkm");
        for (const std::string& extra : {std::string(), " --plot " + s.path("p.svg"),
                                         std::string(" --progress"),
                                         std::string(" --algorithm bounded")}) {
          INFO(options + extra);
          const cli::result r = s.run("fit " + data + options + extra);
          REQUIRE(r.code == 0);
          CHECK(cli::slurp(s.path("m.tkm")) == expected.blob);
          CHECK(json_field(r.out, "best_init") == static_cast<long>(expected.result.best_init));
          CHECK(json_field(r.out, "iterations") == static_cast<long>(expected.result.iterations));
          CHECK(json_field(r.out, "empty_clusters") ==
                static_cast<long>(expected.result.empty_clusters));
        }
      }
  CHECK(later_restart_won >= 3);  // the cases above do test restarts other than the first
}
