#include "model_file.hpp"

#include "file_bytes.hpp"
#include "memory.hpp"
#include "tinykm/serialize.hpp"

namespace tinykm_cli {

bool save_model_file(const std::string& path, const tinykm::model_view& model, std::string& error) {
  std::string blob(tinykm::save_size(model), '\0');
  const tinykm::status s = tinykm::save(model, &blob[0], blob.size());
  if (s != tinykm::status::ok) {
    error = std::string("cannot save the model: ") + tinykm::to_string(s);
    return false;
  }
  return write_file(path, blob, error);
}

bool load_model_file(const std::string& path, std::vector<float>& storage,
                     tinykm::model_view& model, std::string& error) {
  std::string blob;
  if (!read_file(path, blob, error)) return false;
  // The centres are part of the blob, so the blob's size bounds their count.
  allocate(storage, blob.size() / sizeof(float) + 1, 1, "the model's centres");
  tinykm::model_view view{storage.data(), storage.size(), 0, 0};
  const tinykm::status s = tinykm::load(blob.data(), blob.size(), view);
  if (s != tinykm::status::ok) {
    error = path + ": not a tinykm model file (" + tinykm::to_string(s) + ")";
    return false;
  }
  model = view;
  return true;
}

}  // namespace tinykm_cli
