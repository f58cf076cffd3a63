// Empty-cluster relocations whose moved point outweighs what stays in its cluster by up to 2^100
// (d = 2, k = 3, user start, one iteration, relocate_farthest): each centre must come out as the
// exact mean of its members. Shared by the single-process and the MPI tests.
#pragma once

#include <vector>

namespace tkt {

struct heavy_relocation_case {
  const char* what;
  std::vector<float> points, weights, start, expected;
};

inline std::vector<heavy_relocation_case> heavy_relocation_cases() {
  const float a = -0x1.be4566p+61f, b = 0x1.234567p-3f, x = 0x1.69f343p+40f,
              z = -0x1.fedcbap+41f;
  return {
      // Every point on a centre (distance 0): the heaviest, point 0, moves to the empty c1 and
      // c0 keeps point 1 (subtracting left c0 about 18 good bits).
      {"coincident", {a, b, a, b, b, a, b, a}, {0x1p99f, 0x1p64f, 7.0f, 0x1p-33f},
       {a, b, a, b, b, a}, {a, b, a, b, b, a}},
      // Point 1 (weight 2^100) is the farthest from c0 and moves to c1; c0 keeps points 0, 3
      // and 4 (subtracting also zeroed c0's weight, so it stayed at the origin).
      {"heavy and far", {x, b, z, a, b, x, x, b, x, b}, {1.0f, 0x1p100f, 0x1p-35f, 3.0f, 5.0f},
       {0.0f, 0.0f, 0.0f, 0.0f, b, x}, {x, b, z, a, b, x}},
  };
}

}  // namespace tkt
