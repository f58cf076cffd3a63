/* The firmwares run without a heap. These definitions replace newlib's allocator, so a call to
 * malloc from anywhere (tinykm, libc, libm) ends the run as a failure instead of succeeding
 * quietly; the link map shows that none is reachable at all. */
#include <stddef.h>

#include "semihosting.h"

static void heap_used(void) __attribute__((noreturn));
static void heap_used(void) {
  sh_puts("tinykm firmware: heap used\n");
  sh_exit(98);
}

void* malloc(size_t size) { (void)size; heap_used(); }
void* calloc(size_t count, size_t size) { (void)count; (void)size; heap_used(); }
void* realloc(void* p, size_t size) { (void)p; (void)size; heap_used(); }
void free(void* p) { (void)p; heap_used(); }
void* _sbrk(ptrdiff_t increment) { (void)increment; heap_used(); }
