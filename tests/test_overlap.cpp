// The overlap rule (README, Numeric contract): a call refuses, with invalid_argument and before
// writing anything, a buffer it writes that shares a byte with another buffer it reads or writes;
// buffers it only reads may share memory. For every call and every pair of its buffers that the
// rule forbids, the pair is placed in one arena overlapping by 8 bytes (refused, every byte of
// the arena untouched) and then adjacent (accepted).
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "stream_support.hpp"
#include "test_support.hpp"
#include "tinykm/tinykm.h"
#include "tinykm/tinykm.hpp"

using tinykm::status;

namespace {

constexpr std::size_t K = 2, D = 2, N = 8, R = 8;

std::vector<unsigned char> bytes_of(const void* p, std::size_t n) {
  const auto* c = static_cast<const unsigned char*>(p);
  return std::vector<unsigned char>(c, c + n);
}
std::vector<unsigned char> floats(const std::vector<float>& v) {
  return bytes_of(v.data(), v.size() * sizeof(float));
}

// A ready stream's bytes, and 64 bytes of padding after them (part of state.bytes).
std::vector<unsigned char> ready_stream() {
  tkt::owned_stream s(K, D, R);
  tinykm::stream_params p;
  p.k = K;
  p.reservoir = R;
  REQUIRE(tinykm::stream_init(p, D, s.state) == status::ok);
  const std::vector<float> x = tkt::random_reals(R, D, -1.0, 1.0, 4);
  REQUIRE(tinykm::stream_update_batch(s.state, x.data(), R) == status::ok);
  std::vector<unsigned char> b = bytes_of(s.memory.data(), tinykm::stream_memory_size(K, D, R));
  b.resize(b.size() + 64, 0);
  return b;
}

// One buffer of a call: its bytes (a multiple of 8), and what the call does with it.
struct buf {
  std::string name;
  std::size_t bytes;
  bool written;
  std::vector<unsigned char> content;  // copied in before the call (read buffers, states)
  bool state = false;                  // a stream: never placed over another's end
};

using placed = std::vector<unsigned char*>;  // where each buffer starts, in declaration order

struct scenario {
  std::string call;
  std::vector<buf> bufs;
  std::function<status(const placed&)> run;
  std::vector<std::pair<std::string, std::string>> allowed = {};  // may overlap (beyond read-read)
};

buf in(const std::string& name, std::vector<unsigned char> content) {
  const std::size_t n = content.size();
  return buf{name, n, false, std::move(content)};
}
buf out(const std::string& name, std::size_t bytes) { return buf{name, bytes, true, {}}; }
buf state(const std::string& name) {
  std::vector<unsigned char> b = ready_stream();
  const std::size_t n = b.size();
  return buf{name, n, true, std::move(b), true};
}

std::size_t up8(std::size_t n) { return (n + 7) / 8 * 8; }

// Lays the buffers out apart from each other, except `second`, which starts at `shift` bytes
// before the end of `first` (first is placed last, so nothing else is in the way). Runs the call
// and returns its status; `untouched` tells whether the arena kept every byte.
status run_placed(const scenario& s, std::size_t first, std::size_t second, std::size_t shift,
                  bool* untouched) {
  std::size_t total = 64;
  for (const buf& b : s.bufs) total += up8(b.bytes) + 64;
  std::vector<std::uint64_t> arena(total / 8 + 8);
  // Written buffers start as 0.25f everywhere: any overlap reads valid floats and weights.
  const float quarter = 0.25f;
  for (std::size_t i = 0; i < arena.size() * 2; ++i)
    std::memcpy(reinterpret_cast<unsigned char*>(arena.data()) + 4 * i, &quarter, 4);
  unsigned char* base = reinterpret_cast<unsigned char*>(arena.data());
  placed at(s.bufs.size(), nullptr);
  std::size_t next = 64;
  for (std::size_t i = 0; i < s.bufs.size(); ++i) {
    if (i == first || i == second) continue;
    at[i] = base + next;
    next += up8(s.bufs[i].bytes) + 64;
  }
  at[first] = base + next;
  at[second] = at[first] + s.bufs[first].bytes - shift;
  // Contents: the first of the pair before the second, so the shared bytes are the second's.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < s.bufs.size(); ++i)
    if (i != first && i != second) order.push_back(i);
  order.push_back(first);
  order.push_back(second);
  for (const std::size_t i : order)
    if (!s.bufs[i].content.empty()) std::memcpy(at[i], s.bufs[i].content.data(), s.bufs[i].bytes);
  const std::vector<std::uint64_t> before = arena;
  const status st = s.run(at);
  *untouched = arena == before;
  return st;
}

bool forbidden(const scenario& s, std::size_t i, std::size_t j) {
  const buf &a = s.bufs[i], &b = s.bufs[j];
  if (!a.written && !b.written) return false;
  for (const auto& p : s.allowed)
    if ((p.first == a.name && p.second == b.name) || (p.first == b.name && p.second == a.name))
      return false;
  return true;
}

void check_scenario(const scenario& s) {
  INFO(s.call);
  bool untouched = false;
  {
    INFO("every buffer apart");
    CHECK(run_placed(s, 0, 1, 0, &untouched) == status::ok);  // buffer 1 just after buffer 0
  }
  for (std::size_t i = 0; i < s.bufs.size(); ++i)
    for (std::size_t j = i + 1; j < s.bufs.size(); ++j) {
      if (!forbidden(s, i, j)) continue;
      // A stream's header must stay whole: it is the one placed first, overlapped at its end.
      const std::size_t first = s.bufs[j].state ? j : i, second = first == i ? j : i;
      INFO(s.bufs[second].name << " over the last 8 bytes of " << s.bufs[first].name);
      CHECK(run_placed(s, first, second, 8, &untouched) == status::invalid_argument);
      CHECK(untouched);
      INFO("adjacent");
      CHECK(run_placed(s, first, second, 0, &untouched) == status::ok);
    }
}

const std::vector<float> kPoints = tkt::random_reals(N, D, -1.0, 1.0, 3);
const std::vector<float> kCentres = {0.0f, 0.0f, 1.0f, 1.0f};
const std::vector<float> kWeights(N, 1.0f);

// Through void*: the arena places every buffer 8-byte aligned (-Wcast-align on Arm).
template <typename T>
T* as(unsigned char* p) {
  return static_cast<T*>(static_cast<void*>(p));
}
float* f(unsigned char* p) { return as<float>(p); }
tinykm::model_view model_at(unsigned char* p) {
  return tinykm::model_view{f(p), K * D, K, D};
}
tinykm::stream_state state_at(unsigned char* p, std::size_t bytes) {
  return tinykm::stream_state{p, bytes};
}

std::vector<scenario> scenarios() {
  std::vector<scenario> out_list;
  const std::size_t state_bytes = ready_stream().size();
  // fit, every init that reads a buffer of its own, through C++ and C.
  tinykm::fit_params fp;
  fp.k = K;
  fp.max_iter = 3;
  const std::size_t fit_ws = tinykm::fit_workspace_size(fp, N, D);
  tinykm::fit_params fp_user = fp;
  fp_user.init = tinykm::init_method::user;
  const std::size_t fit_ws_user = tinykm::fit_workspace_size(fp_user, N, D);
  const std::vector<std::pair<std::string, std::string>> user_model = {{"model", "initial_centroids"}};
  out_list.push_back(
      {"fit", {in("points", floats(kPoints)), in("weights", floats(kWeights)), out("model", 4 * K * D),
               out("workspace", up8(fit_ws)), out("result", up8(sizeof(tinykm::fit_result)))},
       [=](const placed& p) {
         tinykm::model_view m = model_at(p[2]);
         return tinykm::fit(f(p[0]), N, D, f(p[1]), fp, m, p[3], fit_ws,
                            as<tinykm::fit_result>(p[4]));
       }});
  out_list.push_back(
      {"fit (user init)", {in("points", floats(kPoints)), in("initial_centroids", floats(kCentres)),
                           out("model", 4 * K * D), out("workspace", up8(fit_ws_user))},
       [=](const placed& p) {
         tinykm::fit_params q = fp_user;
         q.initial_centroids = f(p[1]);
         tinykm::model_view m = model_at(p[2]);
         return tinykm::fit(f(p[0]), N, D, nullptr, q, m, p[3], fit_ws_user);
       },
       user_model});
  out_list.push_back(
      {"tinykm_fit", {in("points", floats(kPoints)), out("model", 4 * K * D), out("workspace", up8(fit_ws))},
       [=](const placed& p) {
         tinykm_params q = tinykm_default_params();
         q.k = K;
         q.max_iter = 3;
         tinykm_model m{f(p[1]), K * D, 0, 0};
         return static_cast<status>(tinykm_fit(f(p[0]), N, D, nullptr, &q, &m, p[2], fit_ws, nullptr));
       }});
  // The queries.
  const auto query = [](const std::string& name, std::size_t out_bytes, bool weights,
                        std::function<status(const placed&)> run) {
    scenario s{name, {in("points", floats(kPoints)), in("model", floats(kCentres)), out("output", out_bytes)},
               std::move(run), {}};
    if (weights) s.bufs.push_back(in("weights", floats(kWeights)));
    return s;
  };
  out_list.push_back(query("predict", 4 * N, false, [](const placed& p) {
    return tinykm::predict(model_at(p[1]), f(p[0]), N, D, as<std::int32_t>(p[2]));
  }));
  out_list.push_back(query("predict(parallel)", 4 * N, false, [](const placed& p) {
    return tinykm::predict(model_at(p[1]), f(p[0]), N, D, as<std::int32_t>(p[2]),
                           tinykm::parallel_for{});
  }));
  out_list.push_back(query("transform", 4 * N * K, false, [](const placed& p) {
    return tinykm::transform(model_at(p[1]), f(p[0]), N, D, f(p[2]), N * K);
  }));
  out_list.push_back(query("inertia", 8, true, [](const placed& p) {
    return tinykm::inertia(model_at(p[1]), f(p[0]), N, D, f(p[3]), as<double>(p[2]));
  }));
  out_list.push_back(query("score", 8, true, [](const placed& p) {
    return tinykm::score(model_at(p[1]), f(p[0]), N, D, f(p[3]), as<double>(p[2]));
  }));
  out_list.push_back(query("tinykm_predict", 4 * N, false, [](const placed& p) {
    const tinykm_model m{f(p[1]), K * D, K, D};
    return static_cast<status>(tinykm_predict(&m, f(p[0]), N, D, as<std::int32_t>(p[2]), N));
  }));
  out_list.push_back(query("tinykm_transform", 4 * N * K, false, [](const placed& p) {
    const tinykm_model m{f(p[1]), K * D, K, D};
    return static_cast<status>(tinykm_transform(&m, f(p[0]), N, D, f(p[2]), N * K));
  }));
  out_list.push_back(query("tinykm_inertia", 8, true, [](const placed& p) {
    const tinykm_model m{f(p[1]), K * D, K, D};
    return static_cast<status>(tinykm_inertia(&m, f(p[0]), N, D, f(p[3]), as<double>(p[2])));
  }));
  // lloyd_begin: the model moves in place; the stepper is written too.
  const std::size_t step_ws = tinykm::lloyd_steps_workspace_size(K, D);
  out_list.push_back(
      {"lloyd_begin", {in("points", floats(kPoints)), in("weights", floats(kWeights)),
                       buf{"model", 4 * K * D, true, floats(kCentres)}, out("workspace", up8(step_ws)),
                       out("stepper", up8(sizeof(tinykm::lloyd_stepper)))},
       [=](const placed& p) {
         return tinykm::lloyd_begin(f(p[0]), N, D, f(p[1]), model_at(p[2]), 3, 0.0, p[3], step_ws,
                                    as<tinykm::lloyd_stepper>(p[4]));
       }});
  // Streams: samples, outputs and the state's memory.
  out_list.push_back(
      {"stream_update_batch", {in("samples", floats(kPoints)), out("labels", 4 * N), out("scores", 4 * N), state("state")},
       [=](const placed& p) {
         return tinykm::stream_update_batch(state_at(p[3], state_bytes), f(p[0]), N,
                                            as<std::int32_t>(p[1]), f(p[2]));
       }});
  out_list.push_back(
      {"tinykm_stream_update_batch", {in("samples", floats(kPoints)), out("labels", 4 * N), out("scores", 4 * N), state("state")},
       [=](const placed& p) {
         return static_cast<status>(tinykm_stream_update_batch(tinykm_stream{p[3], state_bytes}, f(p[0]), N, D,
                                                               as<std::int32_t>(p[1]), N, f(p[2]), N));
       }});
  // stream_predict writes only the labels: the samples may lie in the state.
  out_list.push_back(
      {"stream_predict", {in("samples", floats(kPoints)), out("labels", 4 * N), state("state")},
       [=](const placed& p) {
         return tinykm::stream_predict(state_at(p[2], state_bytes), f(p[0]), N,
                                       as<std::int32_t>(p[1]));
       },
       {{"samples", "state"}}});
  out_list.push_back(
      {"tinykm_stream_predict", {in("samples", floats(kPoints)), out("labels", 4 * N), state("state")},
       [=](const placed& p) {
         return static_cast<status>(tinykm_stream_predict(tinykm_stream{p[2], state_bytes}, f(p[0]), N, D,
                                                          as<std::int32_t>(p[1]), N));
       },
       {{"samples", "state"}}});
  // stream_merge: out may be a or b exactly (tests/test_stream_merge.cpp), never partly.
  for (const char* name : {"stream_merge", "tinykm_stream_merge"}) {
    const bool c = name[0] == 't';
    out_list.push_back({name, {state("a"), state("b"), state("out")}, [=](const placed& p) {
                          const tinykm::stream_state a{p[0], state_bytes}, b{p[1], state_bytes},
                              o{p[2], state_bytes};
                          if (c)
                            return static_cast<status>(tinykm_stream_merge(
                                {a.memory, a.bytes}, {b.memory, b.bytes}, {o.memory, o.bytes}));
                          return tinykm::stream_merge(a, b, o);
                        }});
  }
  // Outputs written from a stream's memory.
  const auto from_state = [&](const std::string& name, std::size_t out_bytes,
                              std::function<status(const tinykm::stream_state&, unsigned char*)> call) {
    out_list.push_back({name, {state("state"), out("output", up8(out_bytes))},
                        [=](const placed& p) { return call(state_at(p[0], state_bytes), p[1]); }});
  };
  from_state("stream_get_info", sizeof(tinykm::stream_info), [](const tinykm::stream_state& st, unsigned char* o) {
    return tinykm::stream_get_info(st, as<tinykm::stream_info>(o));
  });
  from_state("stream_model", sizeof(tinykm::model_view), [](const tinykm::stream_state& st, unsigned char* o) {
    return tinykm::stream_model(st, as<tinykm::model_view>(o));
  });
  from_state("tinykm_stream_get_info", sizeof(tinykm_stream_info), [](const tinykm::stream_state& st, unsigned char* o) {
    return static_cast<status>(tinykm_stream_get_info({st.memory, st.bytes}, as<tinykm_stream_info>(o)));
  });
  from_state("tinykm_stream_model", sizeof(tinykm_model), [](const tinykm::stream_state& st, unsigned char* o) {
    return static_cast<status>(tinykm_stream_model({st.memory, st.bytes}, as<tinykm_model>(o)));
  });
  // save and load: the blob against the model's centres or the stream's memory.
  const tinykm::model_view model{const_cast<float*>(kCentres.data()), K * D, K, D};
  const std::size_t model_blob = tinykm::save_size(model);
  std::vector<unsigned char> mblob(model_blob);
  REQUIRE(tinykm::save(model, mblob.data(), mblob.size()) == status::ok);
  mblob.resize(up8(model_blob), 0);
  out_list.push_back({"save(model)", {in("model", floats(kCentres)), out("blob", up8(model_blob))},
                      [=](const placed& p) { return tinykm::save(model_at(p[0]), p[1], model_blob); }});
  out_list.push_back({"load(model)", {in("blob", mblob), out("model", 4 * K * D)}, [=](const placed& p) {
                        tinykm::model_view m = model_at(p[1]);
                        return tinykm::load(p[0], model_blob, m);
                      }});
  const std::vector<unsigned char> ready = ready_stream();
  std::vector<std::uint64_t> copy(state_bytes / 8 + 1);  // 8-byte aligned, as streams need
  std::memcpy(copy.data(), ready.data(), state_bytes);
  const tinykm::stream_state ready_state{copy.data(), state_bytes};
  const std::size_t stream_blob = tinykm::save_size(ready_state);
  std::vector<unsigned char> sblob(stream_blob);
  REQUIRE(tinykm::save(ready_state, sblob.data(), sblob.size()) == status::ok);
  sblob.resize(up8(stream_blob), 0);
  out_list.push_back({"save(stream)", {state("state"), out("blob", up8(stream_blob))}, [=](const placed& p) {
                        return tinykm::save(state_at(p[0], state_bytes), p[1], stream_blob);
                      }});
  out_list.push_back({"load(stream)", {in("blob", sblob), state("out")}, [=](const placed& p) {
                        return tinykm::load(p[0], stream_blob, state_at(p[1], state_bytes));
                      }});
  return out_list;
}

}  // namespace

TEST_CASE("overlap: every call refuses overlapping buffers and accepts adjacent ones", "[overlap]") {
  for (const scenario& s : scenarios()) check_scenario(s);
}

TEST_CASE("overlap: the documented aliases stay allowed", "[overlap]") {
  SECTION("fit from the model's own centres (user init)") {
    std::vector<float> pts = tkt::random_reals(N, D, -1.0, 1.0, 3);
    std::vector<float> a = kCentres, b = kCentres;
    tinykm::fit_params p;
    p.k = K;
    p.init = tinykm::init_method::user;
    std::vector<std::uint64_t> ws(tinykm::fit_workspace_size(p, N, D) / 8 + 1);
    p.initial_centroids = a.data();
    tinykm::model_view in_place{a.data(), a.size(), K, D};
    REQUIRE(tinykm::fit(pts.data(), N, D, nullptr, p, in_place, ws.data(), ws.size() * 8) == status::ok);
    std::vector<float> start = kCentres;
    p.initial_centroids = start.data();
    tinykm::model_view apart{b.data(), b.size(), K, D};
    REQUIRE(tinykm::fit(pts.data(), N, D, nullptr, p, apart, ws.data(), ws.size() * 8) == status::ok);
    CHECK(a == b);
  }
  SECTION("stream_merge into a or b, and a stream merged with itself") {
    tkt::owned_stream a(K, D, R), b(K, D, R);
    for (tkt::owned_stream* s : {&a, &b}) {
      const std::vector<unsigned char> bytes = ready_stream();
      std::memcpy(s->memory.data(), bytes.data(), tinykm::stream_memory_size(K, D, R));
    }
    CHECK(tinykm::stream_merge(a.state, b.state, a.state) == status::ok);
    CHECK(tinykm::stream_merge(a.state, b.state, b.state) == status::ok);
    CHECK(tinykm::stream_merge(a.state, a.state, b.state) == status::ok);
  }
  SECTION("read-only buffers may share memory: weights inside the points") {
    std::vector<float> pts(N * D, 1.0f);  // all ones: valid points and positive weights
    double value = 0.0;
    const tinykm::model_view m{const_cast<float*>(kCentres.data()), K * D, K, D};
    CHECK(tinykm::inertia(m, pts.data(), N, D, pts.data() + 1, &value) == status::ok);
  }
}
