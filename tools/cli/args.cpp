#include "args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "console.hpp"

namespace tinykm_cli {

namespace {

const option_spec* find_option(const command_spec& spec, const std::string& name) {
  for (const option_spec& o : spec.options)
    if (name == o.name || (o.alias != nullptr && name == o.alias)) return &o;
  return nullptr;
}

bool unsigned_value(const parsed_args& args, const char* name, std::uint64_t max,
                    std::uint64_t& value, std::string& error) {
  if (!args.has(name)) return true;
  const std::string& text = args.values.at(name);
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  // Digits only: strtoull also takes leading blanks and a sign, and " -1" wraps to 2^64 - 1.
  if (text.empty() || text[0] < '0' || text[0] > '9' || *end != '\0' || errno == ERANGE || v > max) {
    error = std::string(name) + ": expected a whole number up to " + std::to_string(max) +
            ", got '" + text + "'";
    return false;
  }
  value = v;
  return true;
}

}  // namespace

std::string parsed_args::text(const char* name, const std::string& fallback) const {
  const auto found = values.find(name);
  return found == values.end() ? fallback : found->second;
}

bool parse_args(const command_spec& spec, int argc, char** argv, parsed_args& out,
                std::string& error) {
  for (int i = 0; i < argc; ++i) {
    std::string word = argv[i];
    if (word == "--help" || word == "-h") {
      out.help = true;
      return true;
    }
    if (word.size() < 2 || word[0] != '-' || (word[1] >= '0' && word[1] <= '9')) {
      out.positionals.push_back(word);
      continue;
    }
    std::string value;
    bool inline_value = false;
    const std::size_t eq = word.find('=');
    if (eq != std::string::npos && word.compare(0, 2, "--") == 0) {
      value = word.substr(eq + 1);
      word.resize(eq);
      inline_value = true;
    }
    const option_spec* o = find_option(spec, word);
    if (o == nullptr) {
      error = "unknown option " + word + " (see tinykm " + spec.name + " --help)";
      return false;
    }
    if (o->value_name == nullptr) {
      if (inline_value) {
        error = std::string(o->name) + " takes no value";
        return false;
      }
    } else if (!inline_value) {
      if (i + 1 >= argc) {
        error = std::string(o->name) + " needs a value " + o->value_name;
        return false;
      }
      value = argv[++i];
    }
    out.values[o->name] = value;
  }
  if (out.positionals.size() != spec.positional_count) {
    error = std::string("tinykm ") + spec.name + " takes " + spec.positionals + " (" +
            std::to_string(out.positionals.size()) + " given; see --help)";
    return false;
  }
  return true;
}

void print_help(const command_spec& spec, std::FILE* to) {
  print_to(to, "usage: tinykm %s %s [options]\n\n%s\n", spec.name, spec.positionals, spec.summary);
  if (spec.details != nullptr) print_to(to, "%s\n", spec.details);
  print_to(to, "\noptions:\n");
  for (const option_spec& o : spec.options) {
    std::string left = o.alias != nullptr ? std::string(o.alias) + ", " + o.name : std::string(o.name);
    if (o.value_name != nullptr) left += std::string(" ") + o.value_name;
    print_to(to, "  %-28s %s\n", left.c_str(), o.help);
  }
  print_to(to, "  %-28s %s\n", "-h, --help", "show this help");
}

bool option_value(const parsed_args& args, const char* name, std::size_t& value, std::string& error) {
  std::uint64_t v = value;
  if (!unsigned_value(args, name, std::numeric_limits<std::size_t>::max(), v, error)) return false;
  value = static_cast<std::size_t>(v);
  return true;
}

bool option_u32(const parsed_args& args, const char* name, std::uint32_t& value, std::string& error) {
  std::uint64_t v = value;
  if (!unsigned_value(args, name, std::numeric_limits<std::uint32_t>::max(), v, error)) return false;
  value = static_cast<std::uint32_t>(v);
  return true;
}

bool option_u64(const parsed_args& args, const char* name, std::uint64_t& value, std::string& error) {
  return unsigned_value(args, name, std::numeric_limits<std::uint64_t>::max(), value, error);
}

bool option_value(const parsed_args& args, const char* name, double& value, std::string& error) {
  if (!args.has(name)) return true;
  const std::string& text = args.values.at(name);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(v)) {
    error = std::string(name) + ": expected a finite number, got '" + text + "'";
    return false;
  }
  value = v;
  return true;
}

}  // namespace tinykm_cli
