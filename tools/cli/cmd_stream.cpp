// tinykm stream DATA: feeds the rows one at a time to a streaming k-means state, as firmware
// would, and prints what it flags (anomalies) and what happens to it (warm-up done, reseeds).
#include <cmath>
#include <cstdio>
#include <limits>

#include "console.hpp"
#include "commands.hpp"
#include "data_io.hpp"
#include "json.hpp"
#include "memory.hpp"
#include "tinykm/stream.hpp"

namespace tinykm_cli {

namespace {

bool parse_stream_params(const parsed_args& args, tinykm::stream_params& p, std::string& error) {
  double half_life = static_cast<double>(p.half_life);
  double threshold = static_cast<double>(p.anomaly_threshold);
  if (!option_value(args, "--k", p.k, error) || !option_value(args, "--reservoir", p.reservoir, error) ||
      !option_value(args, "--half-life", half_life, error) ||
      !option_value(args, "--anomaly-threshold", threshold, error) ||
      !option_u64(args, "--seed", p.seed, error))
    return false;
  for (const double v : {half_life, threshold})
    if (std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max())) {  // inf as float32
      error = "--half-life and --anomaly-threshold: expected a value within float32's range";
      return false;
    }
  if (args.has("--half-life")) p.rule = tinykm::update_rule::decay;
  p.half_life = static_cast<float>(half_life);
  p.anomaly_threshold = static_cast<float>(threshold);
  return true;
}

}  // namespace

const command_spec& stream_spec() {
  static const command_spec spec{
      "stream", "DATA", 1,
      "Streams the rows of DATA one by one through tinykm's streaming k-means and prints the\n"
      "samples it flags as anomalies and its events (warm-up done, dead clusters reseeded).",
      "The first R rows fill the warm-up reservoir; nothing is scored before that.",
      with_data_options({{"--k", "-k", "K", "clusters (default 8)"},
                        {"--half-life", nullptr, "H", "forget old samples with this half-life (decay rule)"},
                        {"--anomaly-threshold", nullptr, "T", "flag samples whose score is above T (default 0)"},
                        {"--reservoir", nullptr, "R", "warm-up samples (default 16 k)"},
                        {"--seed", nullptr, "S", "seed of the warm-up fit (default 0)"},
                        {"--json", nullptr, nullptr, "print one JSON object instead of text"}})};
  return spec;
}

int run_stream(const parsed_args& args) {
  std::string error;
  tinykm::stream_params params;
  read_options options;
  matrix data;
  if (!parse_stream_params(args, params, error) || !parse_read_options(args, options, error) ||
      !read_matrix(args.positionals[0], options, data, error))
    return fail(error);
  // Bounds first, so the memory below stays a sane size.
  if (params.k == 0 || params.k > tinykm::max_k || data.cols > tinykm::max_d)
    return fail("stream: k must be 1 to " + std::to_string(tinykm::max_k) + " and d at most " +
                std::to_string(tinykm::max_d));
  if (params.reservoir > (std::size_t{1} << 30) / data.cols)
    return fail("--reservoir: too large for " + std::to_string(data.cols) + " features");
  const std::size_t bytes = tinykm::stream_memory_size(params.k, data.cols, params.reservoir);
  std::vector<std::uint64_t> memory;  // 8-byte aligned
  allocate(memory, bytes / sizeof(std::uint64_t) + 1, 1, "the stream's state (8-byte words)");
  const tinykm::stream_state state{memory.data(), memory.size() * sizeof(std::uint64_t)};
  tinykm::status s = tinykm::stream_init(params, data.cols, state);
  if (s != tinykm::status::ok) return fail(library_error("stream", s));

  const bool json = args.has("--json");
  std::vector<std::string> flagged, events;
  tinykm::stream_info before{}, after{};
  for (std::size_t i = 0; i < data.rows && s == tinykm::status::ok; ++i) {
    tinykm::stream_sample sample;
    s = tinykm::stream_get_info(state, &before);
    if (s == tinykm::status::ok) s = tinykm::stream_update(state, &data.values[i * data.cols], &sample);
    if (s == tinykm::status::ok) s = tinykm::stream_get_info(state, &after);
    if (s != tinykm::status::ok) break;
    if (after.ready && !before.ready) {
      events.push_back(json_object().add("row", i).add("event", "ready").str());
      if (!json) print_to(stdout, "row %zu: ready (warm-up fit on %zu samples)\n", i, after.reservoir);
    }
    if (after.counters.reseeds != before.counters.reseeds) {
      events.push_back(json_object().add("row", i).add("event", "reseed").str());
      if (!json) print_to(stdout, "row %zu: reseed (a dead cluster moved)\n", i);
    }
    if (sample.anomaly) {
      flagged.push_back(json_object()
                            .add("row", i)
                            .add("score", static_cast<double>(sample.score))
                            .add("nearest", static_cast<std::size_t>(sample.label))
                            .str());
      if (!json)
        print_to(stdout, "row %zu: anomaly, score %.4g, nearest centre %d\n", i,
                    static_cast<double>(sample.score), static_cast<int>(sample.label));
    }
  }
  if (s != tinykm::status::ok) return fail(library_error("stream", s));
  const tinykm::stream_counters& c = after.counters;
  if (json) {
    json_object out;
    out.add("command", "stream").add("n", data.rows).add("d", data.cols).add("k", params.k);
    out.add("ready", after.ready).add("anomalies", static_cast<std::size_t>(c.anomalies));
    out.add("reseeds", static_cast<std::size_t>(c.reseeds));
    out.add("inertia_ewma", static_cast<double>(c.inertia_ewma));
    out.add_raw("flagged", json_array(flagged)).add_raw("events", json_array(events));
    print_to(stdout, "%s\n", out.str().c_str());
  } else {
    print_to(stdout, "%zu samples, %s, %llu anomalies, %llu reseeds, inertia average %.4g\n", data.rows,
                after.ready ? "ready" : "still warming up", static_cast<unsigned long long>(c.anomalies),
                static_cast<unsigned long long>(c.reseeds), static_cast<double>(c.inertia_ewma));
  }
  return 0;
}

}  // namespace tinykm_cli
