// A small JSON object writer for --json summaries: keys in the order they are added.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tinykm_cli {

class json_object {
 public:
  json_object& add(const char* key, const std::string& value);
  json_object& add(const char* key, const char* value) { return add(key, std::string(value)); }
  json_object& add(const char* key, double value);
  json_object& add(const char* key, std::size_t value);
  json_object& add(const char* key, bool value);
  json_object& add(const char* key, const std::vector<double>& values);
  json_object& add(const char* key, const json_object& value);
  json_object& add_raw(const char* key, const std::string& json);  // an already-written value
  std::string str() const { return "{" + body_ + "}"; }

 private:
  std::string body_;
};

std::string json_number(double value);
std::string json_array(const std::vector<std::string>& items);  // of already-written values

}  // namespace tinykm_cli
