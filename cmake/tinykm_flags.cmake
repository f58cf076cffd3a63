# Warning, sanitizer and no-exceptions settings shared by every tinykm target.

# Clang's stricter set (CI's clang step, preset "clang-strict"). Left out on purpose:
# -Wmissing-prototypes (Highway's per-target functions are external by its HWY_EXPORT pattern),
# -Wcovered-switch-default (switches over enums keep a default: C callers can pass any int),
# -Wextra-semi-stmt (Catch2 v2's INFO() ends in a ';' of its own), -Wreserved-identifier
# (test_no_alloc defines __wrap_malloc for the linker's --wrap), -Wpadded, -Wc++98-compat*,
# -Wold-style-cast (tests), -Wunsafe-buffer-usage (clang 16+).
option(TINYKM_STRICT_WARNINGS "With clang: also the stricter warnings of TINYKM_STRICT_FLAGS" OFF)
set(TINYKM_STRICT_FLAGS -Wshadow-all -Wcomma -Wextra-semi -Wnewline-eof -Wunreachable-code-aggressive
  -Wimplicit-fallthrough -Wloop-analysis -Wconditional-uninitialized -Wformat=2 -Wundef
  -Wmissing-variable-declarations -Wzero-as-null-pointer-constant
  -Wunused-member-function -Wunused-template -Wsuggest-override -Wdeprecated -Wdocumentation
  -Wimplicit-int-float-conversion -Wfloat-conversion -Wtautological-compare
  -Wunused-exception-parameter -Wheader-hygiene)

# -Wconversion is on in full: the library is written for 32-bit targets where silent
# size_t -> int or double -> float narrowing is a real bug.
function(tinykm_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion
      -Wshadow -Wdouble-promotion -Wcast-align -Wnull-dereference)
    if(TINYKM_STRICT_WARNINGS AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
      target_compile_options(${target} PRIVATE ${TINYKM_STRICT_FLAGS})
    endif()
    if(TINYKM_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()

if(TINYKM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# ThreadSanitizer (scripts/tsan.sh). Not with TINYKM_SANITIZE: the two runtimes exclude each other.
option(TINYKM_SANITIZE_THREAD "Build everything with ThreadSanitizer" OFF)
if(TINYKM_SANITIZE_THREAD)
  if(TINYKM_SANITIZE)
    message(FATAL_ERROR "TINYKM_SANITIZE_THREAD and TINYKM_SANITIZE cannot be combined")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

if(TINYKM_NO_EXCEPTIONS)
  add_compile_options(-fno-exceptions -fno-rtti)
endif()
