// Concurrent calls on distinct objects beside a thread that switches backends: fits, predicts,
// stream updates and merges give their single-threaded results, and backend_name() names the
// backend just forced. scripts/tsan.sh runs this under ThreadSanitizer, which reports the data
// races (force_backend's pointer, available_tables' first fill) that a plain run cannot see.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "kernels.hpp"
#include "stream_support.hpp"
#include "test_support.hpp"

namespace {

constexpr std::size_t d = 3, k = 4, n_fit = 1500, n_stream = 400, workers = 3, rounds = 8;
constexpr tinykm::backend all_backends[] = {tinykm::backend::automatic, tinykm::backend::scalar,
                                            tinykm::backend::highway, tinykm::backend::xsimd};

// What one worker computes; every field is compared bit for bit.
struct outcome {
  std::vector<float> centroids;
  double inertia = 0.0;
  std::vector<std::int32_t> labels;      // predict with the fitted centres
  std::vector<std::int32_t> stream_labels;  // stream_update's, one sample at a time
  std::vector<unsigned char> merged;        // save() of stream_merge(a, b) after the updates
  bool ok = false;
  bool operator==(const outcome& o) const {
    return ok && o.ok && centroids == o.centroids &&
           std::memcmp(&inertia, &o.inertia, sizeof inertia) == 0 && labels == o.labels &&
           merged == o.merged && stream_labels == o.stream_labels;
  }
};

struct inputs {
  tkt::blobs data = tkt::make_blobs({400, 300, 500, 300}, d, 20.0, 6.0, 1.0, 11);
  std::vector<float> samples = tkt::random_reals(n_stream, d, -20.0, 20.0, 12);
};

// Every call under test, on objects this call owns.
outcome run_all(const inputs& in) {
  outcome o;
  tinykm::fit_params p;
  p.k = k;
  p.n_init = 2;
  const tkt::fit_out f = tkt::run_fit(in.data.points.data(), n_fit, d, nullptr, p);
  o.centroids = f.centroids;
  o.inertia = f.result.inertia;
  const tinykm::model_view m{o.centroids.data(), o.centroids.size(), k, d};
  o.labels = tkt::predict_labels(m, in.data.points.data(), n_fit, d);

  tinykm::stream_params sp;
  sp.k = k;
  sp.rule = tinykm::update_rule::decay;
  sp.half_life = 50.0f;
  tkt::owned_stream a(k, d), b(k, d), c(k, d);
  bool ok = f.st == tinykm::status::ok && tkt::init_stream(a, sp, d) == tinykm::status::ok &&
            tkt::init_stream(b, sp, d) == tinykm::status::ok &&
            tinykm::stream_seed(a.state, in.data.centres.data()) == tinykm::status::ok &&
            tinykm::stream_seed(b.state, in.data.centres.data()) == tinykm::status::ok;
  o.stream_labels.resize(n_stream);
  for (std::size_t i = 0; ok && i < n_stream; ++i) {
    tinykm::stream_sample s;
    ok = tinykm::stream_update(a.state, &in.samples[i * d], &s) == tinykm::status::ok;
    o.stream_labels[i] = s.label;
  }
  std::size_t written = 0;
  o.merged.resize(tinykm::save_size(a.state));
  ok = ok &&
       tinykm::stream_update_batch(b.state, in.samples.data(), n_stream) == tinykm::status::ok &&
       tinykm::stream_merge(a.state, b.state, c.state) == tinykm::status::ok &&
       tinykm::save(c.state, o.merged.data(), o.merged.size(), &written) == tinykm::status::ok;
  o.merged.resize(written);
  o.ok = ok;
  return o;
}

// The forced backend's name, or empty when this build or CPU has none of that kind.
std::string name_when_forced(tinykm::backend which) {
  const std::string name =
      tinykm::force_backend(which) == tinykm::status::ok ? tinykm::backend_name() : "";
  return tinykm::force_backend(tinykm::backend::automatic) == tinykm::status::ok ? name : "?";
}

}  // namespace

TEST_CASE("concurrent fits, predicts, stream updates and merges beside backend switches",
          "[threads][concurrency]") {
  const inputs in;
  // Single-threaded results on each backend: a call may run on any of them. fit reads the
  // choice once, so it must match one backend's result whole; streams match on every backend.
  std::vector<outcome> expected;
  std::vector<std::string> names;
  for (tinykm::backend which : all_backends) {
    names.push_back(name_when_forced(which));
    if (names.back().empty()) continue;
    REQUIRE(tinykm::force_backend(which) == tinykm::status::ok);
    expected.push_back(run_all(in));
    REQUIRE(expected.back().ok);
    CHECK(expected.back().merged == expected.front().merged);
    CHECK(expected.back().stream_labels == expected.front().stream_labels);
  }
  REQUIRE(tinykm::force_backend(tinykm::backend::automatic) == tinykm::status::ok);

  // The first available_tables() calls of this process race each other here.
  std::atomic<bool> stop{false};
  std::vector<std::size_t> table_counts(workers + 1, 0);
  std::vector<std::vector<outcome>> got(workers);
  std::vector<std::string> wrong_names;
  std::size_t switches = 0;
  bool restored = false;
  std::thread switcher([&] {
    tinykm::kernels::available_tables(&table_counts[workers]);
    for (std::size_t i = 0; !stop.load() || i < 8; ++i) {
      const std::size_t w = i % 4;
      if (tinykm::force_backend(all_backends[w]) != tinykm::status::ok) continue;
      ++switches;
      if (names[w] != tinykm::backend_name()) wrong_names.push_back(tinykm::backend_name());
    }
    restored = tinykm::force_backend(tinykm::backend::automatic) == tinykm::status::ok;
  });
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < workers; ++t)
    threads.emplace_back([&, t] {
      tinykm::kernels::available_tables(&table_counts[t]);
      for (std::size_t r = 0; r < rounds; ++r) got[t].push_back(run_all(in));
    });
  for (std::thread& t : threads) t.join();
  stop = true;
  switcher.join();

  std::size_t expected_tables = 0;
  tinykm::kernels::available_tables(&expected_tables);
  for (std::size_t count : table_counts) CHECK(count == expected_tables);
  CHECK(switches >= 8);
  CHECK(restored);
  CHECK(wrong_names.empty());
  for (std::size_t t = 0; t < workers; ++t)
    for (std::size_t r = 0; r < rounds; ++r) {
      INFO("thread " << t << " round " << r);
      bool matches = false;
      for (const outcome& e : expected) matches = matches || got[t][r] == e;
      CHECK(matches);
    }
}

TEST_CASE("read-only calls share one model and one stream across threads",
          "[threads][concurrency]") {
  const inputs in;
  const tinykm::model_view model{const_cast<float*>(in.data.centres.data()),
                                 in.data.centres.size(), k, d};
  tinykm::stream_params sp;
  sp.k = k;
  tkt::owned_stream shared(k, d);
  REQUIRE(tkt::init_stream(shared, sp, d) == tinykm::status::ok);
  REQUIRE(tinykm::stream_seed(shared.state, in.data.centres.data()) == tinykm::status::ok);
  REQUIRE(tinykm::stream_update_batch(shared.state, in.samples.data(), n_stream) ==
          tinykm::status::ok);

  // Everything the read-only calls give, one thread at a time, then from several at once.
  struct reads {
    std::vector<std::int32_t> labels, stream_labels;
    std::vector<float> distances;
    double inertia = 0.0;
    float score = 0.0f;
    std::vector<unsigned char> saved, merged;
    bool operator==(const reads& o) const {
      return labels == o.labels && stream_labels == o.stream_labels &&
             distances == o.distances && inertia == o.inertia && score == o.score &&
             saved == o.saved && merged == o.merged;
    }
  };
  const auto read_all = [&] {
    reads r;
    r.labels = tkt::predict_labels(model, in.samples.data(), n_stream, d);
    r.stream_labels.resize(n_stream);
    r.distances.resize(n_stream * k);
    r.saved.resize(tinykm::save_size(shared.state));
    tkt::owned_stream own(k, d), out(k, d);
    std::size_t written = 0, merged = 0;
    r.merged.resize(r.saved.size());
    tinykm::model_view view;
    tinykm::stream_info info;
    const bool ok =
        tinykm::transform(model, in.samples.data(), n_stream, d, r.distances.data(),
                          r.distances.size()) == tinykm::status::ok &&
        tinykm::inertia(model, in.samples.data(), n_stream, d, nullptr, &r.inertia) ==
            tinykm::status::ok &&
        tinykm::stream_predict(shared.state, in.samples.data(), n_stream,
                               r.stream_labels.data()) == tinykm::status::ok &&
        tinykm::stream_score(shared.state, in.samples.data(), &r.score) == tinykm::status::ok &&
        tinykm::stream_get_info(shared.state, &info) == tinykm::status::ok &&
        tinykm::stream_model(shared.state, &view) == tinykm::status::ok &&
        tinykm::save(shared.state, r.saved.data(), r.saved.size(), &written) ==
            tinykm::status::ok &&
        tkt::init_stream(own, sp, d) == tinykm::status::ok &&
        tinykm::stream_seed(own.state, in.data.centres.data()) == tinykm::status::ok &&
        tinykm::stream_merge(shared.state, own.state, out.state) == tinykm::status::ok &&
        tinykm::save(out.state, r.merged.data(), r.merged.size(), &merged) == tinykm::status::ok;
    if (!ok) r.labels.clear();
    return r;
  };
  const reads expected = read_all();
  REQUIRE(!expected.labels.empty());
  std::vector<reads> got(workers);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < workers; ++t) threads.emplace_back([&, t] { got[t] = read_all(); });
  for (std::thread& t : threads) t.join();
  for (const reads& r : got) CHECK(r == expected);
}
