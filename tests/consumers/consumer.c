/* A consumer of tinykm from C through pkg-config: two planted groups on a line, k = 2. */
#include <stdio.h>
#include <stdlib.h>

#include <tinykm/tinykm.h>

int main(void) {
  enum { N = 100 };
  float points[N], centroids[2];
  int32_t labels[N];
  tinykm_params params = tinykm_default_params();
  tinykm_model model = {centroids, 2, 0, 0};
  size_t bytes, i;
  void* workspace;
  tinykm_status s;

  for (i = 0; i < N; ++i) points[i] = (float)(i % 2) * 100.0f + (float)(i % 3) - 1.0f;
  params.k = 2;
  bytes = tinykm_fit_workspace_size(&params, N, 1);
  workspace = malloc(bytes);
  s = tinykm_fit(points, N, 1, NULL, &params, &model, workspace, bytes, NULL);
  free(workspace);
  if (s == TINYKM_OK) s = tinykm_predict(&model, points, N, 1, labels, N);
  if (s != TINYKM_OK) {
    printf("tinykm C consumer: %s\n", tinykm_status_string(s));
    return 1;
  }
  for (i = 0; i < N; ++i)
    if (labels[i] != labels[i % 2] || labels[0] == labels[1]) return 1;
  printf("tinykm C consumer: 2 groups found with %s\n", tinykm_backend_name());
  return 0;
}
