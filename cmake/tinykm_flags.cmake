# Warning, sanitizer and no-exceptions settings shared by every tinykm target.

# -Wconversion is on in full: the library is written for 32-bit targets where silent
# size_t -> int or double -> float narrowing is a real bug.
function(tinykm_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion
      -Wshadow -Wdouble-promotion -Wcast-align -Wnull-dereference)
    if(TINYKM_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()

if(TINYKM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(TINYKM_NO_EXCEPTIONS)
  add_compile_options(-fno-exceptions -fno-rtti)
endif()
