// The CSV rule (README, "Command line"): a data row is never dropped silently. A first line is a
// header only when none of its fields is a number (or with --header); a line that mixes numbers
// with anything else, or has an empty field, is an error naming its line; a UTF-8 BOM is skipped;
// a value reads the same on the first line as on any other; fields are split at ',', ';', tabs
// or blanks, as detected from the first line or given.
#include <catch2/catch.hpp>

#include "cli_harness.hpp"

namespace {

// `fit FILE -k 1 --json <options>`: the row count it read, or -1 when it refused the file.
long rows_read(const cli::scratch& s, const std::string& file, const std::string& text,
               const std::string& options = "") {
  cli::spit(s.path(file), text);
  const cli::result r =
      s.run("fit " + s.path(file) + " -k 1 --json -o " + s.path("m.tkm") + options);
  INFO(file << ": " << r.err);
  if (r.code != 0) {
    CHECK(r.code == 1);
    CHECK(cli::count(r.err, "\n") == 1);
    return -1;
  }
  const std::size_t at = r.out.find("\"n\": ");
  REQUIRE(at != std::string::npos);
  return std::stol(r.out.substr(at + 5));
}

// The one error line for FILE names line `line`.
bool names_line(const cli::scratch& s, const std::string& file, int line) {
  const cli::result r = s.run("fit " + s.path(file) + " -k 1 -o " + s.path("m.tkm"));
  INFO(r.err);
  return r.code == 1 && r.err.find(file + ":" + std::to_string(line) + ": ") != std::string::npos;
}

}  // namespace

TEST_CASE("a UTF-8 byte-order mark is skipped, not taken for a header", "[cli][csv]") {
  const cli::scratch s("csv_bom");
  CHECK(rows_read(s, "bom.csv", "\xEF\xBB\xBF" "1,2\n3,4\n5,6\n") == 3);
  CHECK(rows_read(s, "bom_header.csv", "\xEF\xBB\xBF" "x,y\n3,4\n5,6\n") == 2);
}

TEST_CASE("a first line with any number in it is data, and checked as data", "[cli][csv]") {
  const cli::scratch s("csv_first_line");
  const std::string long_digits(400, '1');
  const std::pair<const char*, std::string> first_lines[] = {
      {"junk.csv", "1,2,x"}, {"empty_field.csv", "1,,3"}, {"trailing_comma.csv", "1,2,"},
      {"long.csv", long_digits + ",2,3"}, {"inf.csv", "1,inf,3"}};
  for (const auto& f : first_lines) {
    INFO(f.first);
    CHECK(rows_read(s, f.first, f.second + "\n1,2,3\n4,5,6\n") == -1);
    CHECK(names_line(s, f.first, 1));
  }
  // The same lines as the last line: the same verdict, naming line 3.
  for (const auto& f : first_lines) {
    INFO(f.first);
    cli::spit(s.path(f.first), "1,2,3\n4,5,6\n" + f.second + "\n");
    CHECK(names_line(s, f.first, 3));
  }
}

TEST_CASE("a value reads the same on the first line as on any other", "[cli][csv]") {
  const cli::scratch s("csv_same_value");
  // 1e-320 is below float32's subnormals: it reads as 0 wherever it is.
  CHECK(rows_read(s, "tiny_first.csv", "1e-320,2\n3,4\n") == 2);
  const std::string first = cli::slurp(s.path("m.tkm"));
  CHECK(rows_read(s, "zero_first.csv", "0,2\n3,4\n") == 2);
  CHECK(cli::slurp(s.path("m.tkm")) == first);
  CHECK(rows_read(s, "tiny_last.csv", "3,4\n1e-320,2\n") == 2);
  CHECK(rows_read(s, "subnormal.csv", "1e-40,2\n3,4\n1e-40,5\n") == 3);  // a float32 subnormal
}

TEST_CASE("a header is a first line without numbers, or what --header says", "[cli][csv]") {
  const cli::scratch s("csv_header");
  CHECK(rows_read(s, "named.csv", "x,y\n1,2\n3,4\n") == 2);
  CHECK(rows_read(s, "blank_first.csv", "\n\nx,y\n1,2\n3,4\n") == 2);
  CHECK(rows_read(s, "numbers.csv", "1,2\n3,4\n5,6\n", " --header") == 2);
  CHECK(rows_read(s, "numbers.csv", "1,2\n3,4\n5,6\n", " --no-header") == 3);
  CHECK(rows_read(s, "named.csv", "x,y\n1,2\n3,4\n", " --no-header") == -1);
  CHECK(rows_read(s, "named.csv", "x,y\n1,2\n3,4\n", " --header --no-header") == -1);
  // Later lines are never headers.
  CHECK(rows_read(s, "second.csv", "1,2\nx,y\n3,4\n") == -1);
  CHECK(names_line(s, "second.csv", 2));
}

TEST_CASE("the flags --header and --no-header apply to every CSV-reading command", "[cli][csv]") {
  const cli::scratch s("csv_flags");
  cli::spit(s.path("d.csv"), "1,2\n3,4\n5,6\n");
  REQUIRE(s.run("fit " + s.path("d.csv") + " -k 1 -o " + s.path("m.tkm")).code == 0);
  const std::string model_data = s.path("m.tkm") + " " + s.path("d.csv") + " --header";
  CHECK(cli::count(s.run("predict " + model_data).out, "\n") == 2);
  CHECK(cli::count(s.run("transform " + model_data).out, "\n") == 2);
  const cli::result stream = s.run("stream " + s.path("d.csv") + " -k 1 --reservoir 2 --header");
  CHECK(stream.out.find("\n2 samples") != std::string::npos);
  for (const char* command : {"fit", "predict", "transform", "stream"}) {
    INFO(command);
    const cli::result help = s.run(std::string(command) + " --help");
    CHECK(help.out.find("--no-header") != std::string::npos);
  }
}

TEST_CASE("';', tab and blank delimiters are detected or given by --delimiter", "[cli][csv]") {
  const cli::scratch s("csv_delimiters");
  CHECK(rows_read(s, "semicolon.csv", "x;y\n1;2\n3;4\n5;6\n") == 3);
  CHECK(rows_read(s, "tab.csv", "1\t2\n3\t4\n") == 2);
  CHECK(rows_read(s, "blanks.txt", "  1   2\n3 \t 4  \n5 6\n") == 3);
  CHECK(rows_read(s, "one_column.txt", "1\n2\n3\n") == 3);
  // Two columns: the model has d = 2 (a wrong split gives d = 1 or an error).
  REQUIRE(rows_read(s, "semi2.csv", "1;2\n3;4\n") == 2);
  CHECK(s.run("info " + s.path("m.tkm")).out.find("d = 2 features") != std::string::npos);
  // Decimal commas with ';' between fields: the comma is read as text, and refused.
  CHECK(rows_read(s, "decimal_comma.csv", "1,5;2,5\n3,5;4,5\n") == -1);
  // Given: the delimiter wins over detection; a wrong one makes the lines non-numbers.
  CHECK(rows_read(s, "given.csv", "1;2\n3;4\n", " --delimiter ';'") == 2);
  CHECK(rows_read(s, "given_tab.csv", "1\t2\n3\t4\n", " --delimiter tab") == 2);
  CHECK(rows_read(s, "given_space.csv", "1 2\n3 4\n", " --delimiter space") == 2);
  CHECK(rows_read(s, "wrong.csv", "1;2\n3;4\n", " --delimiter ,") == -1);
  CHECK(rows_read(s, "bad_flag.csv", "1;2\n3;4\n", " --delimiter x") == -1);
  // The header rule holds with every delimiter; a ragged row is still an error naming its line.
  CHECK(rows_read(s, "tab_header.tsv", "x\ty\n1\t2\n3\t4\n") == 2);
  CHECK(rows_read(s, "tab_empty.tsv", "1\t2\n\t4\n") == -1);
  cli::spit(s.path("ragged.csv"), "1;2\n3;4;5\n");
  CHECK(names_line(s, "ragged.csv", 2));
}
