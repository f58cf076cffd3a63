/* The C API from plain C99: a fit on planted blobs, a stream from warm-up through updates, save
 * and load round trips, and bad inputs. Not Catch2 (that is C++): each CHECK prints what failed
 * and the program exits non-zero if any did. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tinykm/tinykm.h"

static int failures = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

#define CHECK_STATUS(call, expected)                                             \
  do {                                                                           \
    const tinykm_status got_ = (call);                                           \
    if (got_ != (expected)) {                                                    \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s\n", __FILE__, __LINE__, #call, \
              tinykm_status_string(got_), tinykm_status_string(expected));       \
      ++failures;                                                                \
    }                                                                            \
  } while (0)

enum { K = 3, D = 2, PER = 200, N = K * PER };

/* Planted centres far apart; points are centre + uniform noise in [-1, 1)^2. */
static const float planted[K][D] = {{0.0f, 0.0f}, {10.0f, 0.0f}, {0.0f, 10.0f}};

static unsigned long long rng_state = 12345u;
static float noise(void) {
  rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
  return (float)((double)(rng_state >> 40) / (double)(1ull << 24)) * 2.0f - 1.0f;
}

/* Point i belongs to planted cluster i % K, so the clusters interleave in memory. */
static void make_points(float* points, size_t n) {
  size_t i;
  for (i = 0; i < n; ++i) {
    points[i * D + 0] = planted[i % K][0] + noise();
    points[i * D + 1] = planted[i % K][1] + noise();
  }
}

/* True when every planted cluster got one label of its own. map[c] receives cluster c's label. */
static int labels_match_planted(const int32_t* labels, size_t n, int32_t map[K]) {
  size_t i;
  int c, e;
  for (c = 0; c < K; ++c) map[c] = labels[c];
  for (c = 0; c < K; ++c)
    for (e = c + 1; e < K; ++e)
      if (map[c] == map[e] || map[c] < 0 || map[c] >= K) return 0;
  for (i = 0; i < n; ++i)
    if (labels[i] != map[i % K]) return 0;
  return 1;
}

static void test_status_names(void) {
  int s;
  CHECK(strcmp(tinykm_status_string(TINYKM_OK), "ok") == 0);
  CHECK(strcmp(tinykm_status_string(TINYKM_WORKSPACE_TOO_SMALL), "workspace_too_small") == 0);
  CHECK(strcmp(tinykm_status_string(TINYKM_NOT_AVAILABLE), "not_available") == 0);
  for (s = TINYKM_OK; s <= TINYKM_NOT_AVAILABLE; ++s)
    CHECK(strcmp(tinykm_status_string(s), "unknown_status") != 0);
  CHECK(strcmp(tinykm_status_string(999), "unknown_status") == 0);
  CHECK(strcmp(tinykm_status_string(-1), "unknown_status") == 0);
  CHECK(tinykm_backend_name() != NULL && tinykm_backend_name()[0] != '\0');
}

/* The bounded Lloyd gives the default fit's centres and inertia bit for bit; a value outside
 * the enum is refused. */
static void test_fit_algorithms(const float* points, tinykm_params* params, const float* want,
                                const tinykm_fit_result* want_result) {
  float centroids[K * D];
  tinykm_model model;
  tinykm_fit_result result;
  size_t bytes;
  void* workspace;
  CHECK(params->algorithm == TINYKM_ALGORITHM_AUTO);
  params->algorithm = TINYKM_ALGORITHM_BOUNDED;
  bytes = tinykm_fit_workspace_size(params, N, D);
  workspace = malloc(bytes);
  CHECK(workspace != NULL);
  model.centroids = centroids;
  model.capacity = K * D;
  model.k = 0;
  model.d = 0;
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, params, &model, workspace, bytes, &result),
               TINYKM_OK);
  CHECK(memcmp(centroids, want, sizeof centroids) == 0);
  CHECK(memcmp(&result.inertia, &want_result->inertia, sizeof result.inertia) == 0);
  params->algorithm = 7;
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, params, &model, workspace, bytes, &result),
               TINYKM_INVALID_ARGUMENT);
  params->algorithm = TINYKM_ALGORITHM_AUTO;
  free(workspace);
}

static void test_fit(const float* points) {
  tinykm_params params = tinykm_default_params();
  float centroids[K * D];
  tinykm_model model;
  tinykm_fit_result result;
  int32_t labels[N], map[K];
  float distances[N * K];
  double inertia = -1.0;
  size_t bytes;
  void* workspace;
  int c, j;

  CHECK(params.k == 8 && params.init == TINYKM_INIT_AUTO && params.n_init == 1);
  CHECK(params.max_iter == 300 && params.parallel.run == NULL);
  params.k = K;
  params.n_init = 3;
  bytes = tinykm_fit_workspace_size(&params, N, D);
  CHECK(bytes > 0);
  workspace = malloc(bytes);
  CHECK(workspace != NULL);
  model.centroids = centroids;
  model.capacity = K * D;
  model.k = 0;
  model.d = 0;
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, &params, &model, workspace, bytes, &result),
               TINYKM_OK);
  CHECK(model.k == K && model.d == D);
  CHECK(result.inertia > 0.0 && result.iterations >= 1 && result.best_init < 3);

  CHECK_STATUS(tinykm_predict(&model, points, N, D, labels, N), TINYKM_OK);
  CHECK(labels_match_planted(labels, N, map));
  /* Each centre is the mean of 200 uniform offsets from its planted centre: within 0.25. */
  for (c = 0; c < K; ++c)
    for (j = 0; j < D; ++j)
      CHECK(fabsf(centroids[map[c] * D + j] - planted[c][j]) < 0.25f);

  CHECK_STATUS(tinykm_transform(&model, points, N, D, distances, N * K), TINYKM_OK);
  CHECK(distances[0 * K + map[0]] < 1.5f && distances[0 * K + map[1]] > 8.0f);
  CHECK_STATUS(tinykm_inertia(&model, points, N, D, NULL, &inertia), TINYKM_OK);
  CHECK(fabs(inertia - result.inertia) <= 1e-3 * result.inertia);
  free(workspace);
  test_fit_algorithms(points, &params, centroids, &result);
}

/* Every bad input returns its status and leaves the outputs as they were. */
static void test_bad_inputs(const float* points) {
  tinykm_params params = tinykm_default_params();
  float centroids[K * D];
  float small[K * D - 1];
  float bad_points[4 * D] = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f, 8.0f};
  tinykm_model model;
  tinykm_model too_small;
  int32_t labels[N];
  float distances[N * K];
  double inertia = 0.0;
  size_t bytes;
  void* workspace;

  params.k = K;
  bytes = tinykm_fit_workspace_size(&params, N, D);
  workspace = malloc(bytes);
  CHECK(workspace != NULL);
  CHECK(tinykm_fit_workspace_size(NULL, N, D) == 0);
  model.centroids = centroids;
  model.capacity = K * D;
  model.k = 0;
  model.d = 0;
  too_small.centroids = small;
  too_small.capacity = K * D - 1;
  too_small.k = 0;
  too_small.d = 0;

  CHECK_STATUS(tinykm_fit(points, N, D, NULL, NULL, &model, workspace, bytes, NULL),
               TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, &params, NULL, workspace, bytes, NULL),
               TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_fit(NULL, N, D, NULL, &params, &model, workspace, bytes, NULL),
               TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, &params, &model, NULL, bytes, NULL),
               TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, &params, &model, workspace, bytes - 1, NULL),
               TINYKM_WORKSPACE_TOO_SMALL);
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, &params, &too_small, workspace, bytes, NULL),
               TINYKM_CAPACITY_EXCEEDED);
  CHECK_STATUS(tinykm_fit(points, 2, D, NULL, &params, &model, workspace, bytes, NULL),
               TINYKM_TOO_FEW_POINTS);
  bad_points[5] = (float)NAN;
  CHECK_STATUS(tinykm_fit(bad_points, 4, D, NULL, &params, &model, workspace, bytes, NULL),
               TINYKM_NON_FINITE_INPUT);
  params.init = 99;
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, &params, &model, workspace, bytes, NULL),
               TINYKM_INVALID_ARGUMENT);
  CHECK(model.k == 0 && model.d == 0 && too_small.k == 0);

  /* An unfitted model, then a fitted one with short outputs or another d. */
  labels[0] = -7;
  CHECK_STATUS(tinykm_predict(&model, points, N, D, labels, N), TINYKM_NOT_READY);
  CHECK_STATUS(tinykm_predict(NULL, points, N, D, labels, N), TINYKM_INVALID_ARGUMENT);
  params.init = TINYKM_INIT_KMEANS_PLUS_PLUS;
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, &params, &model, workspace, bytes, NULL),
               TINYKM_OK);
  CHECK_STATUS(tinykm_predict(&model, points, N, D, labels, N - 1), TINYKM_OUTPUT_TOO_SMALL);
  CHECK_STATUS(tinykm_predict(&model, points, N, D, NULL, N), TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_predict(&model, points, N / 3, 3, labels, N), TINYKM_DIMENSION_MISMATCH);
  CHECK(labels[0] == -7);
  distances[0] = -7.0f;
  CHECK_STATUS(tinykm_transform(&model, points, N, D, distances, N * K - 1),
               TINYKM_OUTPUT_TOO_SMALL);
  CHECK(distances[0] == -7.0f);
  CHECK_STATUS(tinykm_inertia(&model, points, N, D, NULL, NULL), TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_inertia(NULL, points, N, D, NULL, &inertia), TINYKM_INVALID_ARGUMENT);
  free(workspace);
}

static void test_model_save_load(const float* points) {
  tinykm_params params = tinykm_default_params();
  float centroids[K * D], loaded_centroids[K * D], small[K];
  tinykm_model model, loaded, too_small;
  unsigned char* blob;
  size_t bytes, size, written = 0;
  void* workspace;
  int32_t labels[N], labels_loaded[N];

  params.k = K;
  bytes = tinykm_fit_workspace_size(&params, N, D);
  workspace = malloc(bytes);
  model.centroids = centroids;
  model.capacity = K * D;
  model.k = model.d = 0;
  CHECK(tinykm_model_save_size(&model) == 0);
  CHECK(tinykm_model_save_size(NULL) == 0);
  CHECK_STATUS(tinykm_fit(points, N, D, NULL, &params, &model, workspace, bytes, NULL),
               TINYKM_OK);

  size = tinykm_model_save_size(&model);
  CHECK(size > K * D * sizeof(float));
  blob = (unsigned char*)malloc(size);
  CHECK(blob != NULL);
  CHECK_STATUS(tinykm_model_save(&model, blob, size - 1, &written), TINYKM_OUTPUT_TOO_SMALL);
  CHECK_STATUS(tinykm_model_save(&model, blob, size, &written), TINYKM_OK);
  CHECK(written == size);

  loaded.centroids = loaded_centroids;
  loaded.capacity = K * D;
  loaded.k = loaded.d = 0;
  CHECK_STATUS(tinykm_model_load(blob, size, &loaded), TINYKM_OK);
  CHECK(loaded.k == K && loaded.d == D);
  CHECK(memcmp(loaded_centroids, centroids, sizeof centroids) == 0);
  CHECK_STATUS(tinykm_predict(&model, points, N, D, labels, N), TINYKM_OK);
  CHECK_STATUS(tinykm_predict(&loaded, points, N, D, labels_loaded, N), TINYKM_OK);
  CHECK(memcmp(labels, labels_loaded, sizeof labels) == 0);

  /* Truncated or altered blobs, a model too small for the blob, null pointers. */
  too_small.centroids = small;
  too_small.capacity = K;
  too_small.k = too_small.d = 0;
  CHECK_STATUS(tinykm_model_load(blob, size, &too_small), TINYKM_CAPACITY_EXCEEDED);
  CHECK_STATUS(tinykm_model_load(blob, size - 1, &loaded), TINYKM_CORRUPT_MODEL);
  blob[size / 2] ^= 0x10u;
  CHECK_STATUS(tinykm_model_load(blob, size, &loaded), TINYKM_CORRUPT_MODEL);
  CHECK(tinykm_model_load(NULL, size, &loaded) != TINYKM_OK); /* C++ says corrupt_model */
  CHECK_STATUS(tinykm_model_load(blob, size, NULL), TINYKM_INVALID_ARGUMENT);
  CHECK(too_small.k == 0 && memcmp(loaded_centroids, centroids, sizeof centroids) == 0);
  free(blob);
  free(workspace);
}

/* A stream over planted blobs: warm-up, single updates, a mini-batch, an outlier, save/load,
 * merge, and its bad inputs. */
static void test_stream(const float* points) {
  tinykm_stream_params sp = tinykm_default_stream_params();
  tinykm_stream stream, copy, merged, short_stream;
  tinykm_stream_sample sample;
  tinykm_stream_info info, copy_info;
  tinykm_model model;
  int32_t labels[N], labels_copy[N], map[K], batch_labels[N];
  float batch_scores[N], score = 0.0f;
  const float far_away[D] = {100.0f, 100.0f};
  bool anomaly = false;
  size_t bytes, warm, i, size, written = 0;
  unsigned char* blob;
  uint64_t anomalies_before;

  CHECK(sp.k == 8 && sp.reservoir == 0 && sp.rule == TINYKM_RULE_RUNNING_MEAN);
  CHECK(sp.learn_anomalies && sp.warmup_n_init == 3);
  sp.k = K;
  bytes = tinykm_stream_memory_size(K, D, 0);
  CHECK(bytes > 0);
  CHECK(tinykm_stream_memory_size(0, D, 0) == 0);
  CHECK(tinykm_stream_memory_size(K, 0, 0) == 0);
  stream.memory = malloc(bytes);
  stream.bytes = bytes;
  copy.memory = malloc(bytes);
  copy.bytes = bytes;
  merged.memory = malloc(bytes);
  merged.bytes = bytes;
  CHECK(stream.memory != NULL && copy.memory != NULL && merged.memory != NULL);
  memset(stream.memory, 0, bytes);

  /* Memory that holds no stream yet, then a short one. */
  CHECK_STATUS(tinykm_stream_update(stream, points, D, &sample), TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_stream_get_info(stream, &info), TINYKM_INVALID_ARGUMENT);
  short_stream.memory = stream.memory;
  short_stream.bytes = bytes - 1;
  CHECK_STATUS(tinykm_stream_init(&sp, D, short_stream), TINYKM_WORKSPACE_TOO_SMALL);
  CHECK_STATUS(tinykm_stream_init(NULL, D, stream), TINYKM_INVALID_ARGUMENT);
  sp.rule = 42;
  CHECK_STATUS(tinykm_stream_init(&sp, D, stream), TINYKM_INVALID_ARGUMENT);
  sp.rule = TINYKM_RULE_RUNNING_MEAN;
  CHECK_STATUS(tinykm_stream_init(&sp, D, stream), TINYKM_OK);

  /* Warm-up: the reservoir (16 k samples) fills; nothing is labelled until it is full. */
  CHECK_STATUS(tinykm_stream_get_info(stream, &info), TINYKM_OK);
  CHECK(info.k == K && info.d == D && info.reservoir == 16 * K && !info.ready);
  warm = info.reservoir;
  CHECK_STATUS(tinykm_stream_predict(stream, points, N, D, labels, N), TINYKM_NOT_READY);
  for (i = 0; i + 1 < warm; ++i) {
    CHECK_STATUS(tinykm_stream_update(stream, points + i * D, D, &sample), TINYKM_OK);
    CHECK(sample.label == -1);
  }
  CHECK_STATUS(tinykm_stream_get_info(stream, &info), TINYKM_OK);
  CHECK(!info.ready && info.reservoir_fill == warm - 1 && info.samples == warm - 1);
  CHECK_STATUS(tinykm_stream_update(stream, points + i * D, D, &sample), TINYKM_OK);
  CHECK_STATUS(tinykm_stream_get_info(stream, &info), TINYKM_OK);
  CHECK(info.ready && info.reservoir_fill == warm && info.samples == warm);

  /* Updates: every sample lands in its planted cluster. */
  CHECK_STATUS(tinykm_stream_predict(stream, points, N, D, labels, N), TINYKM_OK);
  CHECK(labels_match_planted(labels, N, map));
  for (i = warm; i < N; ++i) {
    CHECK_STATUS(tinykm_stream_update(stream, points + i * D, D, &sample), TINYKM_OK);
    CHECK(sample.label == map[i % K]);
  }
  CHECK_STATUS(tinykm_stream_update_batch(stream, points, N, D, batch_labels, N, batch_scores, N),
               TINYKM_OK);
  for (i = 0; i < N; ++i) CHECK(batch_labels[i] == map[i % K]);
  CHECK_STATUS(tinykm_stream_get_info(stream, &info), TINYKM_OK);
  CHECK(info.samples == 2 * N && info.batches == 1 && info.inertia_ewma > 0.0f);

  /* An outlier: scored as an anomaly without learning, then counted once by an update. */
  CHECK_STATUS(tinykm_stream_score(stream, far_away, D, &score, &anomaly), TINYKM_OK);
  CHECK(anomaly && score > 50.0f);
  anomalies_before = info.anomalies;
  CHECK_STATUS(tinykm_stream_update(stream, far_away, D, &sample), TINYKM_OK);
  CHECK(sample.anomaly);
  CHECK_STATUS(tinykm_stream_get_info(stream, &info), TINYKM_OK);
  CHECK(info.anomalies == anomalies_before + 1 && info.samples == 2 * N + 1);

  /* The stream's centres as a model: tinykm_predict agrees with tinykm_stream_predict. */
  CHECK_STATUS(tinykm_stream_model(stream, &model), TINYKM_OK);
  CHECK(model.k == K && model.d == D && model.centroids != NULL);
  CHECK_STATUS(tinykm_stream_predict(stream, points, N, D, labels, N), TINYKM_OK);
  CHECK_STATUS(tinykm_predict(&model, points, N, D, labels_copy, N), TINYKM_OK);
  CHECK(memcmp(labels, labels_copy, sizeof labels) == 0);

  /* Save and load into other memory: the same labels and counters. */
  size = tinykm_stream_save_size(stream);
  CHECK(size > 0);
  blob = (unsigned char*)malloc(size);
  CHECK(blob != NULL);
  CHECK_STATUS(tinykm_stream_save(stream, blob, size - 1, &written), TINYKM_OUTPUT_TOO_SMALL);
  CHECK_STATUS(tinykm_stream_save(stream, blob, size, &written), TINYKM_OK);
  CHECK(written == size);
  CHECK_STATUS(tinykm_stream_load(blob, size, short_stream), TINYKM_WORKSPACE_TOO_SMALL);
  CHECK_STATUS(tinykm_stream_load(blob, size - 1, copy), TINYKM_CORRUPT_MODEL);
  CHECK_STATUS(tinykm_stream_load(blob, size, copy), TINYKM_OK);
  CHECK_STATUS(tinykm_stream_get_info(copy, &copy_info), TINYKM_OK);
  CHECK(copy_info.ready && copy_info.samples == info.samples &&
        copy_info.anomalies == info.anomalies && copy_info.batches == info.batches);
  CHECK_STATUS(tinykm_stream_predict(copy, points, N, D, labels_copy, N), TINYKM_OK);
  CHECK(memcmp(labels, labels_copy, sizeof labels) == 0);

  /* Merging a stream with its copy: counters add, the clusters stay. */
  CHECK_STATUS(tinykm_stream_merge(stream, copy, merged), TINYKM_OK);
  CHECK_STATUS(tinykm_stream_get_info(merged, &copy_info), TINYKM_OK);
  CHECK(copy_info.ready && copy_info.samples == 2 * info.samples);
  CHECK_STATUS(tinykm_stream_predict(merged, points, N, D, labels_copy, N), TINYKM_OK);
  CHECK(labels_match_planted(labels_copy, N, map));

  /* Wrong d, short outputs, null pointers: statuses, and the counters do not move. */
  CHECK_STATUS(tinykm_stream_update(stream, points, D + 1, &sample), TINYKM_DIMENSION_MISMATCH);
  CHECK_STATUS(tinykm_stream_update(stream, NULL, D, &sample), TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_stream_update_batch(stream, points, N, D, batch_labels, N - 1, NULL, 0),
               TINYKM_OUTPUT_TOO_SMALL);
  CHECK_STATUS(tinykm_stream_update_batch(stream, points, N, D, NULL, 0, batch_scores, N - 1),
               TINYKM_OUTPUT_TOO_SMALL);
  CHECK_STATUS(tinykm_stream_predict(stream, points, N, D, labels, N - 1),
               TINYKM_OUTPUT_TOO_SMALL);
  CHECK_STATUS(tinykm_stream_score(stream, far_away, 3, &score, NULL), TINYKM_DIMENSION_MISMATCH);
  CHECK_STATUS(tinykm_stream_score(stream, far_away, D, NULL, NULL), TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_stream_get_info(stream, NULL), TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_stream_model(stream, NULL), TINYKM_INVALID_ARGUMENT);
  CHECK_STATUS(tinykm_stream_get_info(stream, &copy_info), TINYKM_OK);
  CHECK(copy_info.samples == info.samples);

  free(blob);
  free(merged.memory);
  free(copy.memory);
  free(stream.memory);
}

int main(void) {
  static float points[N * D];
  make_points(points, N);
  test_status_names();
  test_fit(points);
  test_bad_inputs(points);
  test_model_save_load(points);
  test_stream(points);
  if (failures != 0) {
    fprintf(stderr, "test_c_api: %d check(s) failed\n", failures);
    return 1;
  }
  printf("test_c_api: all checks passed (backend %s)\n", tinykm_backend_name());
  return 0;
}
