#include "memory.hpp"

#include <cstdio>

namespace tinykm_cli {

void refuse_allocation(const std::string& what, double bytes) {
  const char* units[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB"};
  std::size_t unit = 0;
  for (; bytes >= 1000.0 && unit + 1 < sizeof units / sizeof units[0]; ++unit) bytes /= 1000.0;
  char size[32];
  std::snprintf(size, sizeof size, "%.3g %s", bytes, units[unit]);
  throw too_big(std::string("cannot allocate ") + size + " for " + what);
}

}  // namespace tinykm_cli
