// The conventions of Unix tools: --version, `-` for standard input and output, and a file type
// the tool does not know refused by name instead of guessed at.
#include <catch2/catch.hpp>

#include "cli_harness.hpp"

TEST_CASE("tinykm --version prints the project version and exits 0", "[cli][conventions]") {
  const cli::scratch s("version");
  const cli::result r = s.run("--version");
  CHECK(r.code == 0);
  CHECK(r.out == std::string("tinykm ") + TINYKM_PROJECT_VERSION + "\n");
  CHECK(r.err.empty());
  CHECK(s.run("--help").out.find("--version") != std::string::npos);
}

namespace {

const std::string data_csv = "1,2\n3,4\n10,11\n12,13\n";

}  // namespace

TEST_CASE("a path of - is standard input for data and models, standard output for outputs", "[cli][conventions]") {
  const cli::scratch s("stdio");
  cli::spit(s.path("d.csv"), data_csv);
  REQUIRE(s.run("fit " + s.path("d.csv") + " -k 2 -o " + s.path("m.tkm")).code == 0);
  const std::string model = cli::slurp(s.path("m.tkm"));
  // fit from stdin, the model to stdout: the same bytes, the summary on stderr.
  const cli::result fit = s.run("fit - -k 2 -o - <" + s.path("d.csv"));
  CHECK(fit.code == 0);
  CHECK(fit.out == model);
  CHECK(fit.err.find("model written to -") != std::string::npos);
  // The model from stdin.
  cli::spit(s.path("m_in.tkm"), model);
  const cli::result predict = s.run("predict - " + s.path("d.csv") + " <" + s.path("m_in.tkm"));
  CHECK(predict.code == 0);
  CHECK(predict.out == "0\n0\n1\n1\n");
  // .npy on stdin is told from its magic; --output-format npy writes .npy on stdout.
  const cli::result npy = s.run("transform " + s.path("m.tkm") + " " + s.path("d.csv") +
                                " -o - --output-format npy");
  REQUIRE(npy.code == 0);
  CHECK(npy.out.compare(0, 6, "\x93NUMPY") == 0);
  cli::spit(s.path("dist.bin"), npy.out);
  const cli::result round = s.run("fit - -k 1 -o " + s.path("m1.tkm") + " --json <" + s.path("dist.bin"));
  CHECK(round.code == 0);
  CHECK(round.out.find("\"n\": 4, \"d\": 2") != std::string::npos);
  // stdin can be read once.
  const cli::result twice = s.run("predict - - <" + s.path("m_in.tkm"));
  CHECK(twice.code == 1);
  CHECK(twice.err.find("standard input (-) can be only one of the inputs") != std::string::npos);
}

TEST_CASE("a file type the tool does not know is refused, not read as CSV", "[cli][conventions]") {
  const cli::scratch s("file_types");
  cli::spit(s.path("d.csv"), data_csv);
  REQUIRE(s.run("fit " + s.path("d.csv") + " -k 2 -o " + s.path("m.tkm")).code == 0);
  // CSV text under names that say something else: refused by name, unless --format says.
  for (const char* name : {"d.npz", "d.parquet", "d.json"}) {
    INFO(name);
    cli::spit(s.path(name), data_csv);
    std::filesystem::remove(s.path("x.tkm"));
    const cli::result r = s.run("fit " + s.path(name) + " -k 2 -o " + s.path("x.tkm"));
    CHECK(r.code == 1);
    CHECK(r.err.find("unknown file type") != std::string::npos);
    CHECK(!std::filesystem::exists(s.path("x.tkm")));
    CHECK(s.run("fit " + s.path(name) + " -k 2 --format csv -o " + s.path("x.tkm")).code == 0);
  }
  // Text names and names without an extension are read; binary bytes are not taken for text.
  for (const char* name : {"d.txt", "d.dat", "noext"}) {
    INFO(name);
    cli::spit(s.path(name), data_csv);
    CHECK(s.run("fit " + s.path(name) + " -k 2 -o " + s.path("x.tkm")).code == 0);
  }
  // --format is for names that do not tell: a known extension wins.
  CHECK(s.run("fit " + s.path("d.csv") + " -k 2 --format npy -o " + s.path("x.tkm")).code == 0);
  cli::spit(s.path("d.TSV"), "1\t2\n3\t4\n");  // .tsv: tab-separated, whatever the case
  CHECK(s.run("fit " + s.path("d.TSV") + " -k 2 -o " + s.path("x.tkm")).code == 0);
  cli::spit(s.path("zip"), std::string("PK\x03\x04\x14\x00\x00\x00", 8));
  const cli::result zip = s.run("fit " + s.path("zip") + " -k 1 -o " + s.path("x.tkm"));
  CHECK(zip.code == 1);
  CHECK(zip.err.find("binary data that is not a .npy file") != std::string::npos);
  // Outputs alike: refused before anything is written.
  for (const char* name : {"labels.npz", "labels.xlsx"}) {
    INFO(name);
    const cli::result r = s.run("predict " + s.path("m.tkm") + " " + s.path("d.csv") + " -o " + s.path(name));
    CHECK(r.code == 1);
    CHECK(r.err.find("unknown file type") != std::string::npos);
    CHECK(!std::filesystem::exists(s.path(name)));
  }
  // .tsv is written with tabs.
  REQUIRE(s.run("predict " + s.path("m.tkm") + " " + s.path("d.csv") + " -o " + s.path("l.tsv")).code == 0);
  REQUIRE(s.run("transform " + s.path("m.tkm") + " " + s.path("d.csv") + " -o " + s.path("t.tsv")).code == 0);
  CHECK(cli::count(cli::slurp(s.path("t.tsv")), "\t") == 4);
}

TEST_CASE("predict --json without -o carries the labels; transform has --json", "[cli][conventions]") {
  const cli::scratch s("json_outputs");
  cli::spit(s.path("d.csv"), data_csv);
  REQUIRE(s.run("fit " + s.path("d.csv") + " -k 2 -o " + s.path("m.tkm")).code == 0);
  const std::string model_data = s.path("m.tkm") + " " + s.path("d.csv");
  const cli::result p = s.run("predict " + model_data + " --json");
  CHECK(p.code == 0);
  CHECK(p.out.find("\"labels\": [0, 0, 1, 1]") != std::string::npos);
  const cli::result p_file = s.run("predict " + model_data + " --json -o " + s.path("l.csv"));
  CHECK(p_file.out.find("\"output\": \"" + s.path("l.csv") + "\"") != std::string::npos);
  CHECK(p_file.out.find("\"labels\"") == std::string::npos);
  const cli::result t = s.run("transform " + model_data + " --json");
  CHECK(t.code == 0);
  CHECK(t.out.find("{\"command\": \"transform\", \"n\": 4, \"k\": 2, \"distances\": [[") == 0);
  CHECK(cli::count(t.out, "[") == 5);  // the array of 4 rows
  const cli::result t_file = s.run("transform " + model_data + " --json -o " + s.path("t.npy"));
  CHECK(t_file.out.find("\"output\": \"" + s.path("t.npy") + "\"") != std::string::npos);
  CHECK(s.run("transform --help").out.find("--json") != std::string::npos);
}
