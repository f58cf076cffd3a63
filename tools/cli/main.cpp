// tinykm: the command-line tool. `tinykm COMMAND --help` documents each command.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "console.hpp"
#include "commands.hpp"
#include "tinykm/backend.hpp"

namespace {

using namespace tinykm_cli;

const command commands[] = {
    {fit_spec, run_fit},           {predict_spec, run_predict}, {transform_spec, run_transform},
    {stream_spec, run_stream},
    {quantize_spec, run_quantize},
    {info_spec, run_info},
};

void usage(std::FILE* to) {
  print_to(to, "usage: tinykm COMMAND [arguments] (tinykm COMMAND --help for its options)\n"
                   "       tinykm --version\n\n"
                   "k-means clustering with tinykm (kernels: %s).\n\ncommands:\n",
               tinykm::backend_name());
  for (const command& c : commands) {
    const command_spec& spec = c.spec();
    const char* newline = std::strchr(spec.summary, '\n');
    const std::string first_line = newline == nullptr ? spec.summary : std::string(spec.summary, newline);
    print_to(to, "  %-10s %s\n", spec.name, first_line.c_str());
  }
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    usage(stdout);
    return 0;
  }
  if (name == "--version") {
    print_to(stdout, "tinykm %s\n", tool_version());
    return 0;
  }
  for (const command& c : commands) {
    const command_spec& spec = c.spec();
    if (name != spec.name) continue;
    parsed_args args;
    std::string error;
    if (!parse_args(spec, argc - 2, argv + 2, args, error)) return fail(error);
    if (args.help) {
      print_help(spec, stdout);
      return 0;
    }
    try {
      return c.run(args);
    } catch (...) {
      return report_exception(spec.name);
    }
  }
  return fail("unknown command '" + name + "' (tinykm --help lists them)");
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGXFSZ, SIG_IGN);  // past a file size limit, a write fails and says so
  return finish(dispatch(argc, argv));
}
