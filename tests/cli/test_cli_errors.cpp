// Bad input files and bad arguments: one line on stderr, exit status 1, never a crash; --help
// works for every command.
#include <catch2/catch.hpp>

#include "cli_harness.hpp"

namespace {

// The tool refused cleanly: exit status 1, nothing on stdout, one "tinykm: ..." line on stderr.
void check_refused(const cli::result& r) {
  INFO("stderr: " << r.err);
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(cli::count(r.err, "\n") == 1);
  CHECK(r.err.rfind("tinykm: ", 0) == 0);
}

const std::vector<float> six = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

}  // namespace

TEST_CASE("bad .npy files give one error line", "[cli]") {
  const cli::scratch s("bad_npy");
  const std::vector<std::int32_t> ints(12, 1);
  const std::string good = cli::npy_f32(six, 6, 2);
  cli::spit(s.path("int.npy"), cli::npy_file("<i4", "False", "(6, 2)", ints.data(), 48));
  cli::spit(s.path("big_endian.npy"), cli::npy_file(">f4", "False", "(6, 2)", six.data(), 48));
  cli::spit(s.path("fortran.npy"), cli::npy_file("<f4", "True", "(6, 2)", six.data(), 48));
  cli::spit(s.path("cube.npy"), cli::npy_file("<f4", "False", "(3, 2, 2)", six.data(), 48));
  cli::spit(s.path("truncated.npy"), good.substr(0, good.size() - 5));
  cli::spit(s.path("header_cut.npy"), good.substr(0, 30));
  cli::spit(s.path("magic.npy"), "\x93NUMPX" + good.substr(6));
  cli::spit(s.path("text.npy"), "1,2\n3,4\n");
  const std::vector<float> nan = {1.0f, std::numeric_limits<float>::quiet_NaN()};
  cli::spit(s.path("nan.npy"), cli::npy_f32(nan, 1, 2));
  // A shape whose size overflows, and one that leaves a row of the data out.
  cli::spit(s.path("overflow.npy"),
            cli::npy_file("<f4", "False", "(2305843009213693952, 4)", six.data(), 48));
  cli::spit(s.path("short_shape.npy"), cli::npy_file("<f4", "False", "(5, 2)", six.data(), 48));
  for (const char* file : {"int.npy", "big_endian.npy", "fortran.npy", "cube.npy", "truncated.npy",
                           "header_cut.npy", "magic.npy", "text.npy", "nan.npy", "missing.npy",
                           "overflow.npy", "short_shape.npy"}) {
    INFO(file);
    check_refused(s.run("fit " + s.path(file) + " -k 2 -o " + s.path("m.tkm")));
  }
  // The same file is fine when intact.
  cli::spit(s.path("good.npy"), good);
  CHECK(s.run("fit " + s.path("good.npy") + " -k 2 -o " + s.path("m.tkm")).code == 0);
}

TEST_CASE("bad CSV files give one error line with the line number", "[cli]") {
  const cli::scratch s("bad_csv");
  cli::spit(s.path("ragged.csv"), "x,y\n1,2\n3,4\n5\n6,7\n");
  cli::spit(s.path("nan.csv"), "1,2\n3,nan\n");
  cli::spit(s.path("inf.csv"), "1,2\n3,inf\n");
  cli::spit(s.path("word.csv"), "1,2\n3,four\n");
  cli::spit(s.path("empty.csv"), "a,b\n");
  for (const char* file : {"ragged.csv", "nan.csv", "inf.csv", "word.csv", "empty.csv", "missing.csv"}) {
    INFO(file);
    check_refused(s.run("fit " + s.path(file) + " -k 1 -o " + s.path("m.tkm")));
  }
  CHECK(s.run("fit " + s.path("ragged.csv") + " -k 1 -o " + s.path("m.tkm")).err.find("ragged.csv:4:") !=
        std::string::npos);
  CHECK(s.run("fit " + s.path("nan.csv") + " -k 1 -o " + s.path("m.tkm")).err.find("nan.csv:2:") !=
        std::string::npos);
}

TEST_CASE("bad arguments and models give one error line", "[cli]") {
  const cli::scratch s("bad_args");
  cli::spit(s.path("d.npy"), cli::npy_f32(six, 6, 2));
  cli::spit(s.path("d3.npy"), cli::npy_f32(six, 4, 3));
  const std::string d = s.path("d.npy"), m = s.path("m.tkm");
  REQUIRE(s.run("fit " + d + " -k 2 -o " + m).code == 0);
  const std::string model = cli::slurp(m);
  cli::spit(s.path("flipped.tkm"), model.substr(0, 20) + static_cast<char>(model[20] ^ 1) + model.substr(21));
  for (const std::string& args :
       {"fit " + d + " -k 7 -o " + m, "fit " + d + " -k 2", "fit " + d + " -k two -o " + m,
        "fit " + d + " -k 2 --init best -o " + m, "fit " + d + " -k 2 --algorithm elkan -o " + m,
        "fit " + d + " -k 2 --tol -1 -o " + m,
        "fit " + d + " -k 2 --threads 0 -o " + m, "fit " + d + " -k 2 --seed ' -1' -o " + m,
        "fit " + d + " -k ' 2' -o " + m, "fit " + d + " -k 2 --seed +1 -o " + m,
        "fit " + d + " -k 2 -o " + m + " --frobnicate",
        "fit " + d + " -k 2 -o " + s.path("no/such/dir/m.tkm"), "fit -k 2 -o " + m,
        "predict " + m + " " + s.path("d3.npy"), "predict " + d + " " + d,
        "predict " + s.path("flipped.tkm") + " " + d, "info " + d,
        "stream " + d + " -k 0", "quantize " + d + " --colors 4 -o " + s.path("q.png"),
        std::string("nosuchcommand")}) {
    INFO(args);
    check_refused(s.run(args));
  }
}

TEST_CASE("a float option beyond float32's range is refused by name", "[cli]") {
  const cli::scratch s("float_options");
  cli::spit(s.path("d.npy"), cli::npy_f32(six, 6, 2));
  for (const char* option : {"--half-life 1e300", "--anomaly-threshold -1e39"}) {
    INFO(option);
    const cli::result r = s.run("stream " + s.path("d.npy") + " -k 2 --reservoir 4 " + option);
    check_refused(r);
    CHECK(r.err.find("float32's range") != std::string::npos);
  }
}

TEST_CASE("every command answers --help", "[cli]") {
  const cli::scratch s("help");
  for (const char* command : {"fit", "predict", "transform", "stream", "quantize", "info"}) {
    INFO(command);
    const cli::result r = s.run(std::string(command) + " --help");
    CHECK(r.code == 0);
    CHECK(r.out.find(std::string("usage: tinykm ") + command) != std::string::npos);
    CHECK(r.err.empty());
  }
  const cli::result top = s.run("--help");
  CHECK(top.code == 0);
  CHECK(top.out.find("quantize") != std::string::npos);
}
