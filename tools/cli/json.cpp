#include "json.hpp"

#include <cmath>
#include <cstdio>

namespace tinykm_cli {

namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + items[i];
  return out + "]";
}

json_object& json_object::add_raw(const char* key, const std::string& json) {
  if (!body_.empty()) body_ += ", ";
  body_ += quoted(key) + ": " + json;
  return *this;
}

json_object& json_object::add(const char* key, const std::string& value) {
  return add_raw(key, quoted(value));
}
json_object& json_object::add(const char* key, double value) { return add_raw(key, json_number(value)); }
json_object& json_object::add(const char* key, std::size_t value) {
  return add_raw(key, std::to_string(value));
}
json_object& json_object::add(const char* key, bool value) { return add_raw(key, value ? "true" : "false"); }
json_object& json_object::add(const char* key, const std::vector<double>& values) {
  std::vector<std::string> items;
  for (const double v : values) items.push_back(json_number(v));
  return add_raw(key, json_array(items));
}
json_object& json_object::add(const char* key, const json_object& value) {
  return add_raw(key, value.str());
}

}  // namespace tinykm_cli
