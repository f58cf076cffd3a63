// Command-line parsing for the subcommands: options with or without a value, "--name=value",
// positionals, and --help text generated from the same table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace tinykm_cli {

struct option_spec {
  const char* name;        // "--max-iter"
  const char* alias;       // "-k", or nullptr
  const char* value_name;  // "N"; nullptr for a flag
  const char* help;
};

struct command_spec {
  const char* name;         // "fit"
  const char* positionals;  // "DATA", shown in the usage line
  std::size_t positional_count;
  const char* summary;      // one line
  const char* details;      // more lines for --help, or nullptr
  std::vector<option_spec> options;
};

struct parsed_args {
  std::vector<std::string> positionals;
  std::map<std::string, std::string> values;  // by option name; flags map to ""
  bool help = false;

  bool has(const char* name) const { return values.count(name) != 0; }
  std::string text(const char* name, const std::string& fallback) const;
};

bool parse_args(const command_spec& spec, int argc, char** argv, parsed_args& out,
                std::string& error);
void print_help(const command_spec& spec, std::FILE* to);

// Typed option values: leave `value` unchanged when the option is absent; false (with an error
// naming the option) when it is present but not a number in range.
bool option_value(const parsed_args& args, const char* name, std::size_t& value, std::string& error);
// 32-bit values, named apart because std::uint32_t may be std::size_t (32-bit targets).
bool option_u32(const parsed_args& args, const char* name, std::uint32_t& value, std::string& error);
// 64-bit values (seeds), named apart because std::uint64_t may be std::size_t.
bool option_u64(const parsed_args& args, const char* name, std::uint64_t& value, std::string& error);
bool option_value(const parsed_args& args, const char* name, double& value, std::string& error);

}  // namespace tinykm_cli
