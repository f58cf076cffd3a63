/* tinykm's C API (C99): batch k-means, streams and save/load over caller memory.
 *
 * It is a thin layer over the C++ API (tinykm.hpp); the C++ headers document the algorithms,
 * the defaults and the workspace formulas, and every rule there holds here:
 * - Nothing allocates. Models, workspaces, streams and blobs live in memory the caller owns.
 * - Every call returns a tinykm_status; on any status other than TINYKM_OK the model, outputs
 *   and stream are left exactly as they were.
 * - Null pointers, short buffers and bad values return a status, never crash. Each output buffer
 *   comes with its length (in elements); a short one returns TINYKM_OUTPUT_TOO_SMALL, short
 *   workspace or stream memory TINYKM_WORKSPACE_TOO_SMALL.
 * - No C++ exception can cross into C: the library throws none, and every function behind this
 *   header is noexcept (a throw would end the program rather than unwind through C frames).
 * - Sizes: every *_size function returns SIZE_MAX where its formula does not fit in size_t
 *   (tinykm_stream_memory_size: 0 for shapes tinykm_stream_init refuses); n x d points whose
 *   bytes do not fit in size_t are TINYKM_INVALID_ARGUMENT.
 * - Overlaps: a buffer a call writes may not share a byte with another buffer of the call
 *   (TINYKM_INVALID_ARGUMENT, nothing written), as in the C++ headers.
 * Points are n x d row-major float32; weights (may be NULL: all 1) are n positive floats;
 * labels are int32. Enumerations are int32_t fields taking the TINYKM_* constants below. */
#ifndef TINYKM_TINYKM_H
#define TINYKM_TINYKM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tinykm/export.h"

#ifdef __cplusplus
/* C++ callers see every function as noexcept, as the library defines them. */
#define TINYKM_C_NOEXCEPT noexcept
extern "C" {
#else
#define TINYKM_C_NOEXCEPT
#endif

/* ---- Status ---------------------------------------------------------------------------- */

/* The values of the C++ enum tinykm::status (status.hpp), which says when each is returned. */
typedef int32_t tinykm_status;
enum {
  TINYKM_OK = 0,
  TINYKM_INVALID_ARGUMENT = 1,
  TINYKM_CAPACITY_EXCEEDED = 2,
  TINYKM_WORKSPACE_TOO_SMALL = 3,
  TINYKM_NON_FINITE_INPUT = 4,
  TINYKM_TOO_FEW_POINTS = 5,
  TINYKM_CORRUPT_MODEL = 6,
  TINYKM_NOT_READY = 7,
  TINYKM_DIMENSION_MISMATCH = 8,
  TINYKM_OUTPUT_TOO_SMALL = 9,
  TINYKM_OUT_OF_RANGE = 10,
  TINYKM_NOT_AVAILABLE = 11
};

/* A short English name, e.g. "workspace_too_small"; "unknown_status" for other values.
 * Never NULL. */
TINYKM_API
const char* tinykm_status_string(tinykm_status s) TINYKM_C_NOEXCEPT;

/* Name of the kernels in use, e.g. "scalar", "hwy:AVX3". Never NULL. */
TINYKM_API
const char* tinykm_backend_name(void) TINYKM_C_NOEXCEPT;

/* ---- Threads (optional) ------------------------------------------------------------------ */

/* The caller's threads, as tinykm::parallel_for: run() calls task(task_context, i) once for
 * every i in [0, count), on any threads, and returns when all have returned. A NULL run keeps
 * everything on the calling thread. Results are bit-identical for any thread count. */
typedef void (*tinykm_task_fn)(void* task_context, size_t index);
typedef struct tinykm_parallel_for {
  void (*run)(void* executor, size_t count, tinykm_task_fn task, void* task_context);
  void* executor;
} tinykm_parallel_for;

/* ---- Batch k-means ----------------------------------------------------------------------- */

enum { /* tinykm_params.init */
  TINYKM_INIT_KMEANS_PLUS_PLUS = 0,
  TINYKM_INIT_RANDOM = 1,
  TINYKM_INIT_FARTHEST_POINT = 2,
  TINYKM_INIT_USER = 3, /* initial_centroids, k x d */
  TINYKM_INIT_KMEANS_PARALLEL = 4, /* k-means||, large n; refused by compact (firmware) builds */
  TINYKM_INIT_AUTO = 5 /* the default: k-means|| for large n, k, d, else k-means++ (params.hpp) */
};
enum { /* tinykm_params.empty_cluster */
  TINYKM_EMPTY_KEEP = 0,
  TINYKM_EMPTY_RELOCATE_FARTHEST = 1,
  TINYKM_EMPTY_SPLIT_LARGEST = 2
};
enum { /* tinykm_params.algorithm (params.hpp: lloyd_algorithm; the same result either way) */
  TINYKM_ALGORITHM_LLOYD = 0,
  TINYKM_ALGORITHM_BOUNDED = 1,
  TINYKM_ALGORITHM_AUTO = 2
};
enum { /* tinykm_params.refine (params.hpp: refinement) */
  TINYKM_REFINE_NONE = 0,
  TINYKM_REFINE_HARTIGAN = 1,
  TINYKM_REFINE_SPLIT_MERGE = 2
};

/* tinykm::fit_params, field for field (params.hpp). Start from tinykm_default_params(). */
typedef struct tinykm_params {
  size_t k;
  int32_t init;
  uint32_t n_init;
  uint32_t max_iter;
  double tol;
  uint32_t n_iter_check;
  int32_t empty_cluster;
  uint64_t seed;
  const float* initial_centroids;
  tinykm_parallel_for parallel;
  int32_t algorithm;
  int32_t refine;
} tinykm_params;

/* tinykm::fit_result. */
typedef struct tinykm_fit_result {
  double inertia;
  uint32_t iterations;
  bool converged;
  uint32_t best_init;
  uint32_t empty_clusters;
} tinykm_fit_result;

/* Centres over caller memory: `capacity` floats at `centroids`, the first k x d of them the
 * centres, row-major. k == 0 means "not fitted"; fit and load set k and d. */
typedef struct tinykm_model {
  float* centroids;
  size_t capacity;
  size_t k;
  size_t d;
} tinykm_model;

/* The C++ defaults: k 8, k-means++, n_init 1, max_iter 300, tol 1e-4, relocate_farthest,
 * seed 0, one thread, algorithm auto, refine none. */
TINYKM_API
tinykm_params tinykm_default_params(void) TINYKM_C_NOEXCEPT;

/* Bytes of workspace tinykm_fit needs (formula in kmeans.hpp); SIZE_MAX when that does not fit
 * in size_t, 0 for a NULL params. */
TINYKM_API
size_t tinykm_fit_workspace_size(const tinykm_params* params, size_t n, size_t d) TINYKM_C_NOEXCEPT;

/* Clusters n points into params->k centres, written into model (capacity >= k x d).
 * weights and result may be NULL. */
TINYKM_API
tinykm_status tinykm_fit(const float* points, size_t n, size_t d, const float* weights,
                         const tinykm_params* params, tinykm_model* model, void* workspace,
                         size_t workspace_bytes, tinykm_fit_result* result) TINYKM_C_NOEXCEPT;

/* Nearest centre of each of n points (ties: lowest index); labels_len >= n. */
TINYKM_API
tinykm_status tinykm_predict(const tinykm_model* model, const float* points, size_t n, size_t d,
                             int32_t* labels, size_t labels_len) TINYKM_C_NOEXCEPT;

/* The same on the caller's threads (parallel may be NULL: the calling thread). */
TINYKM_API
tinykm_status tinykm_predict_parallel(const tinykm_model* model, const float* points, size_t n,
                                      size_t d, int32_t* labels, size_t labels_len,
                                      const tinykm_parallel_for* parallel) TINYKM_C_NOEXCEPT;

/* Euclidean distance of every point to every centre, distances[i * k + j]; distances_len
 * >= n x k. */
TINYKM_API
tinykm_status tinykm_transform(const tinykm_model* model, const float* points, size_t n,
                               size_t d, float* distances, size_t distances_len) TINYKM_C_NOEXCEPT;

/* Sum of weight x squared distance to the nearest centre (weights may be NULL). */
TINYKM_API
tinykm_status tinykm_inertia(const tinykm_model* model, const float* points, size_t n, size_t d,
                             const float* weights, double* out) TINYKM_C_NOEXCEPT;

/* ---- Streams (stream.hpp) ---------------------------------------------------------------- */

enum { /* tinykm_stream_params.rule */
  TINYKM_RULE_RUNNING_MEAN = 0,
  TINYKM_RULE_DECAY = 1,
  TINYKM_RULE_FIXED_RATE = 2
};
enum { /* tinykm_stream_params.unit */
  TINYKM_DECAY_POINTS = 0,
  TINYKM_DECAY_BATCHES = 1
};

/* tinykm::stream_params, field for field. Start from tinykm_default_stream_params(). */
typedef struct tinykm_stream_params {
  size_t k;
  size_t reservoir; /* warm-up samples; 0: 16 k */
  int32_t rule;
  float half_life;
  int32_t unit;
  float learning_rate;
  float dead_fraction;
  float anomaly_z;
  float anomaly_threshold;
  bool learn_anomalies;
  float drift_half_life;
  uint32_t warmup_n_init;
  uint32_t warmup_max_iter;
  uint64_t seed;
} tinykm_stream_params;

/* A stream's whole state lives in `bytes` bytes at `memory` (8-byte aligned); copying those
 * bytes copies the stream. */
typedef struct tinykm_stream {
  void* memory;
  size_t bytes;
} tinykm_stream;

typedef struct tinykm_stream_sample {
  int32_t label; /* nearest centre before the update; -1 while warming up */
  float score;   /* anomaly score; 0 while warming up */
  bool anomaly;  /* score > anomaly_threshold */
} tinykm_stream_sample;

typedef struct tinykm_stream_info {
  size_t k;
  size_t d;
  size_t reservoir;
  size_t reservoir_fill;
  bool ready;
  uint64_t samples;   /* accepted samples, warm-up included */
  uint64_t anomalies; /* samples scored above anomaly_threshold */
  uint64_t reseeds;   /* dead clusters moved */
  uint64_t batches;   /* tinykm_stream_update_batch calls after warm-up */
  float inertia_ewma; /* drift signal: running mean squared distance */
} tinykm_stream_info;

/* The C++ defaults: k 8, reservoir 16 k, running mean, half-life 1000, learning rate 0.01,
 * dead fraction 0.01, anomaly z 3 and threshold 0, anomalies learned, 3 warm-up restarts of at
 * most 100 iterations, seed 0. */
TINYKM_API
tinykm_stream_params tinykm_default_stream_params(void) TINYKM_C_NOEXCEPT;

/* Bytes of memory a stream of k clusters, d features and this reservoir (0: 16 k) needs
 * (formula in stream.hpp); 0 when k or d is 0 or beyond TINYKM_MAX_K / TINYKM_MAX_D, or the
 * reservoir is beyond the 1 GiB a stream accepts. */
TINYKM_API
size_t tinykm_stream_memory_size(size_t k, size_t d, size_t reservoir) TINYKM_C_NOEXCEPT;

/* Lays out a fresh stream for samples of d features in stream.memory. */
TINYKM_API
tinykm_status tinykm_stream_init(const tinykm_stream_params* params, size_t d,
                                 tinykm_stream stream) TINYKM_C_NOEXCEPT;

/* Feeds one sample of d floats (d must be the stream's: else TINYKM_DIMENSION_MISMATCH).
 * out may be NULL. */
TINYKM_API
tinykm_status tinykm_stream_update(tinykm_stream stream, const float* x, size_t d,
                                   tinykm_stream_sample* out) TINYKM_C_NOEXCEPT;

/* Feeds n samples as one mini-batch. labels (labels_len >= n) and scores (scores_len >= n)
 * may be NULL. */
TINYKM_API
tinykm_status tinykm_stream_update_batch(tinykm_stream stream, const float* xs, size_t n,
                                         size_t d, int32_t* labels, size_t labels_len,
                                         float* scores, size_t scores_len) TINYKM_C_NOEXCEPT;

/* Nearest centre of each of n samples; TINYKM_NOT_READY while warming up. */
TINYKM_API
tinykm_status tinykm_stream_predict(tinykm_stream stream, const float* xs, size_t n, size_t d,
                                    int32_t* labels, size_t labels_len) TINYKM_C_NOEXCEPT;

/* Anomaly score of one sample, without learning from it. anomaly may be NULL. */
TINYKM_API
tinykm_status tinykm_stream_score(tinykm_stream stream, const float* x, size_t d, float* score,
                                  bool* anomaly) TINYKM_C_NOEXCEPT;

/* Combines two ready streams of the same k and d into out (which may be a or b). */
TINYKM_API
tinykm_status tinykm_stream_merge(tinykm_stream a, tinykm_stream b,
                                  tinykm_stream out) TINYKM_C_NOEXCEPT;

/* Shape, readiness and counters. */
TINYKM_API
tinykm_status tinykm_stream_get_info(tinykm_stream stream,
                                     tinykm_stream_info* info) TINYKM_C_NOEXCEPT;

/* A read-only view of the centres once ready (pointing into the stream's memory), for
 * tinykm_predict, tinykm_transform or tinykm_model_save. */
TINYKM_API
tinykm_status tinykm_stream_model(tinykm_stream stream, tinykm_model* model) TINYKM_C_NOEXCEPT;

/* ---- Save and load (serialize.hpp: versioned little-endian blobs with a CRC-32) ---------- */

/* Bytes tinykm_model_save writes; 0 for a NULL, unfitted or invalid model. */
TINYKM_API
size_t tinykm_model_save_size(const tinykm_model* model) TINYKM_C_NOEXCEPT;
/* Writes the blob into buffer[0, len); written (may be NULL) receives its size. */
TINYKM_API
tinykm_status tinykm_model_save(const tinykm_model* model, void* buffer, size_t len,
                                size_t* written) TINYKM_C_NOEXCEPT;
/* Reads a model blob into model's storage (TINYKM_CAPACITY_EXCEEDED when k x d does not fit);
 * TINYKM_CORRUPT_MODEL for a truncated, altered or unknown blob. */
TINYKM_API
tinykm_status tinykm_model_load(const void* buffer, size_t len,
                                tinykm_model* model) TINYKM_C_NOEXCEPT;

/* The same for streams. Loading needs stream.bytes >= the blob's tinykm_stream_memory_size. */
TINYKM_API
size_t tinykm_stream_save_size(tinykm_stream stream) TINYKM_C_NOEXCEPT;
TINYKM_API
tinykm_status tinykm_stream_save(tinykm_stream stream, void* buffer, size_t len,
                                 size_t* written) TINYKM_C_NOEXCEPT;
TINYKM_API
tinykm_status tinykm_stream_load(const void* buffer, size_t len,
                                 tinykm_stream stream) TINYKM_C_NOEXCEPT;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TINYKM_TINYKM_H */
