# ctest: the library needs no heap function, even on paths no test runs. nm lists the symbols
# LIBRARY takes from outside itself; none may be an allocator (the malloc family, operator
# new / delete in any form, a thrown exception) or a C library call that allocates for its
# caller. The host twin of the Cortex-M link, which has no heap to link against.
# cmake -DNM=nm -DLIBRARY=libtinykm.a -P library_heap_symbols.cmake
execute_process(COMMAND "${NM}" -u "${LIBRARY}" OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -u ${LIBRARY} failed (${rc})")
endif()
set(heap "malloc|calloc|realloc|reallocarray|free|aligned_alloc|posix_memalign|memalign|valloc")
string(APPEND heap "|pvalloc|strdup|strndup|qsort|qsort_r|asprintf|vasprintf|fopen|open_memstream")
string(APPEND heap "|_Zn[wa][jmy][^\n]*|_Zd[la]Pv[^\n]*|__cxa_allocate_exception|__cxa_throw|_ZSt[0-9]+__throw_[^\n]*")
string(REGEX MATCHALL "U (${heap})\n" found "${listing}\n")
if(found)
  string(REPLACE "\n" " " found "${found}")
  message(FATAL_ERROR "${LIBRARY} references heap functions: ${found}")
endif()
message(STATUS "${LIBRARY} references no heap function")
