# TINYKM_BUILD_FUZZERS: the libFuzzer targets in fuzz/ (scripts/fuzz.sh). Only Clang has
# libFuzzer, so the option is honoured only with CMAKE_CXX_COMPILER=clang++. Everything in the
# build (library, CLI core, fuzzers) gets coverage instrumentation plus ASan and UBSan, and any
# UB aborts, so the fuzzer records it as a crash.
option(TINYKM_BUILD_FUZZERS "Build the libFuzzer targets in fuzz/ (Clang only)" OFF)
set(TINYKM_FUZZ OFF)
if(TINYKM_BUILD_FUZZERS)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(TINYKM_FUZZ ON)
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
  else()
    message(WARNING "tinykm: TINYKM_BUILD_FUZZERS needs Clang (CMAKE_CXX_COMPILER=clang++); "
      "no fuzzers are built")
  endif()
endif()
