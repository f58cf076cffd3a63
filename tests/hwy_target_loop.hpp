// Runs a test body once per Highway target this build can run here, with dispatch forced to it.
// Dynamic builds (hosts) switch targets through libhwy; static builds (the Arm presets:
// header-only Highway, no libhwy) hold one target, HWY_STATIC_TARGET, and run the body once.
#pragma once

#include <catch2/catch.hpp>

#include <hwy/targets.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tkt {

#if defined(TINYKM_HWY_STATIC)
template <class Body>
void for_each_hwy_target(Body body) {
  INFO("Highway target " << hwy::TargetName(HWY_STATIC_TARGET));
  body(std::string(hwy::TargetName(HWY_STATIC_TARGET)));
}
#else
// Restores Highway's own target choice however the test leaves the loop.
struct hwy_target_reset {
  ~hwy_target_reset() { hwy::SetSupportedTargetsForTest(0); }
};

template <class Body>
void for_each_hwy_target(Body body) {
  hwy_target_reset reset;
  const std::vector<std::int64_t> targets = hwy::SupportedAndGeneratedTargets();
  REQUIRE(!targets.empty());
  for (const std::int64_t target : targets) {
    hwy::SetSupportedTargetsForTest(target);
    INFO("Highway target " << hwy::TargetName(target));
    body(std::string(hwy::TargetName(target)));
  }
}
#endif

}  // namespace tkt
