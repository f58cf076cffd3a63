// tinykm quantize on a small generated PNG: same size out, at most N colours, close to the input.
#include <catch2/catch.hpp>

#include <set>

#include <stb_image.h>
#include <stb_image_write.h>

#include "cli_harness.hpp"
#include "test_support.hpp"

TEST_CASE("quantize reduces a generated PNG to N colours", "[cli]") {
  const cli::scratch s("quantize");
  // Four flat colour bands with noise of +-6 levels: 4 colours describe it well.
  const int w = 64, h = 48;
  const unsigned char bands[4][3] = {{200, 30, 30}, {30, 160, 40}, {20, 40, 210}, {240, 230, 60}};
  tkt::rng r(3);
  std::vector<unsigned char> in(static_cast<std::size_t>(w * h * 3));
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::size_t band = (i / 3 % w) * 4 / w;
    in[i] = static_cast<unsigned char>(bands[band][i % 3] + r.int_in(-6, 6));
  }
  REQUIRE(stbi_write_png(s.path("in.png").c_str(), w, h, 3, in.data(), w * 3) != 0);
  const cli::result q = s.run("quantize " + s.path("in.png") + " --colors 4 -o " + s.path("out.png"));
  REQUIRE(q.code == 0);

  int ow = 0, oh = 0, channels = 0;
  unsigned char* out = stbi_load(s.path("out.png").c_str(), &ow, &oh, &channels, 3);
  REQUIRE(out != nullptr);
  CHECK(ow == w);
  CHECK(oh == h);
  std::set<std::vector<unsigned char>> colours;
  int worst = 0;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    colours.insert({out[i], out[i + 1], out[i + 2]});
    for (std::size_t c = 0; c < 3; ++c) worst = std::max(worst, std::abs(out[i + c] - in[i + c]));
  }
  stbi_image_free(out);
  CHECK(colours.size() == 4);
  CHECK(worst <= 12);  // every pixel within its noise of its band's colour
}

TEST_CASE("quantize's image is written whole or not at all, and its summary is checked", "[cli]") {
  const cli::scratch s("quantize_writes");
  const int w = 64, h = 64;  // noise: the PNG is well over 1 kB
  tkt::rng r(5);
  std::vector<unsigned char> in(static_cast<std::size_t>(w * h * 3));
  for (unsigned char& v : in) v = static_cast<unsigned char>(r.int_in(0, 255));
  REQUIRE(stbi_write_png(s.path("in.png").c_str(), w, h, 3, in.data(), w * 3) != 0);
  const std::string args = "quantize " + s.path("in.png") + " --colors 8 -o " + s.path("out.png");
  REQUIRE(s.run(args).code == 0);
  const std::string before = cli::slurp(s.path("out.png"));
  REQUIRE(before.size() > 1024);
  const cli::result limited = s.run_with("ulimit -f 2", args + " --seed 4", s.path("stdout.txt"));
  CHECK(limited.code == 1);
  CHECK(limited.err == "tinykm: " + s.path("out.png") + ": cannot write: File too large\n");
  CHECK(cli::slurp(s.path("out.png")) == before);
  const cli::result full = s.run_with("", args, "/dev/full");
  CHECK(full.code == 1);
  CHECK(full.err == "tinykm: writing to standard output: No space left on device\n");
  const cli::result same = s.run("quantize " + s.path("in.png") + " -o " + s.path("in.png"));
  CHECK(same.code == 1);
}

TEST_CASE("quantize writes the format its output's extension names, or refuses", "[cli]") {
  const cli::scratch s("quantize_formats");
  const int w = 16, h = 8;
  std::vector<unsigned char> in(static_cast<std::size_t>(w * h * 3));
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = static_cast<unsigned char>(i * 37 % 251);
  REQUIRE(stbi_write_png(s.path("in.png").c_str(), w, h, 3, in.data(), w * 3) != 0);
  // Each format's first bytes: PNG's signature, JPEG's SOI marker, BMP's "BM".
  const std::pair<const char*, std::string> formats[] = {
      {"out.png", "\x89PNG"}, {"out.jpg", "\xFF\xD8\xFF"}, {"OUT.JPEG", "\xFF\xD8\xFF"}, {"out.bmp", "BM"}};
  for (const auto& f : formats) {
    INFO(f.first);
    REQUIRE(s.run("quantize " + s.path("in.png") + " --colors 3 -o " + s.path(f.first)).code == 0);
    const std::string bytes = cli::slurp(s.path(f.first));
    CHECK(bytes.compare(0, f.second.size(), f.second) == 0);
    int ow = 0, oh = 0, channels = 0;
    unsigned char* back = stbi_load(s.path(f.first).c_str(), &ow, &oh, &channels, 3);
    CHECK(back != nullptr);
    CHECK(ow == w);
    stbi_image_free(back);
  }
  // stdin to stdout: PNG, the summary on stderr.
  const cli::result piped =
      s.run_with("", "quantize - --colors 3 -o - <" + s.path("in.png"), s.path("stdout.txt"));
  CHECK(piped.code == 0);
  CHECK(piped.out.compare(0, 4, "\x89PNG") == 0);
  CHECK(piped.err.find("16 x 8 image to 3 colours") != std::string::npos);
  // A name whose format the tool cannot write: refused before anything is written.
  for (const char* name : {"out.webp", "out.gif", "out"}) {
    INFO(name);
    const cli::result r = s.run("quantize " + s.path("in.png") + " --colors 3 -o " + s.path(name));
    CHECK(r.code == 1);
    CHECK(r.err.find(".png, .jpg (or .jpeg), .bmp or .tga") != std::string::npos);
    CHECK(!std::filesystem::exists(s.path(name)));
  }
}
