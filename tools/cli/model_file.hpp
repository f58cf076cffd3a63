// Model files are exactly the library's save() blob (serialize.hpp): versioned, CRC-checked.
#pragma once

#include <string>
#include <vector>

#include "tinykm/model.hpp"

namespace tinykm_cli {

bool save_model_file(const std::string& path, const tinykm::model_view& model, std::string& error);
// `storage` receives the centres; `model` views them.
bool load_model_file(const std::string& path, std::vector<float>& storage,
                     tinykm::model_view& model, std::string& error);

}  // namespace tinykm_cli
