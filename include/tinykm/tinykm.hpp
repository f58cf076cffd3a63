// Umbrella header: everything public in tinykm's C++ API.
#pragma once

#include "tinykm/backend.hpp"
#include "tinykm/config.hpp"
#include "tinykm/kmeans.hpp"
#include "tinykm/lloyd_steps.hpp"
#include "tinykm/model.hpp"
#include "tinykm/parallel.hpp"
#include "tinykm/params.hpp"
#include "tinykm/serialize.hpp"
#include "tinykm/status.hpp"
#include "tinykm/stream.hpp"
